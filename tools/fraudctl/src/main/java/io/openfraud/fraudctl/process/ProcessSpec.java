package io.openfraud.fraudctl.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start and how to know it serves.
 *
 * @param name short name, used in messages, and for the log and pid file names by convention
 * @param command the command line, executable first
 * @param environment variables added to fraudctl's own environment
 * @param workingDirectory the child's working directory, or null for fraudctl's
 * @param logFile standard output and error of the child are appended here
 * @param pidFile written as soon as the child starts, deleted when it is stopped
 * @param ports loopback ports the child will listen on: they must be free before it starts
 * @param readiness decides when the child serves
 */
public record ProcessSpec(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
        Path logFile, Path pidFile, List<Integer> ports, ReadinessProbe readiness) {

    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("empty command for " + name);
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(pidFile, "pidFile");
        ports = List.copyOf(ports == null ? List.of() : ports);
        Objects.requireNonNull(readiness, "readiness");
    }

    /** A spec without extra environment, working directory or ports; see the {@code with...} methods. */
    public static ProcessSpec of(String name, List<String> command, Path logFile, Path pidFile,
            ReadinessProbe readiness) {
        return new ProcessSpec(name, command, Map.of(), null, logFile, pidFile, List.of(), readiness);
    }

    public ProcessSpec withPorts(Integer... ports) {
        return new ProcessSpec(name, command, environment, workingDirectory, logFile, pidFile, List.of(ports),
                readiness);
    }

    public ProcessSpec withEnvironment(Map<String, String> environment) {
        return new ProcessSpec(name, command, environment, workingDirectory, logFile, pidFile, ports, readiness);
    }

    public ProcessSpec withWorkingDirectory(Path workingDirectory) {
        return new ProcessSpec(name, command, environment, workingDirectory, logFile, pidFile, ports, readiness);
    }
}
