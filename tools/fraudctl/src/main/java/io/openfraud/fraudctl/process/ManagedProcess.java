package io.openfraud.fraudctl.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** A child process started from a {@link ProcessSpec}: its pid file, log, readiness and stop. */
public final class ManagedProcess {

    private final ProcessSpec spec;
    private final Process process;
    private final long startNanos;
    private final LogFollower log;
    private final PidFile pidFile;
    private volatile Map<String, String> readyDetails;
    private volatile Duration startupTime;

    private ManagedProcess(ProcessSpec spec, Process process, long startNanos, LogFollower log) {
        this.spec = spec;
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
        this.pidFile = new PidFile(spec.pidFile());
    }

    /**
     * Starts {@code spec}'s command: output appended to its log file (after a header line naming the run), pid file
     * written. Does not wait for readiness: see {@link #checkReady()} and {@link ProcessSupervisor}.
     */
    public static ManagedProcess start(ProcessSpec spec, Lifetime lifetime) throws IOException {
        Path logFile = spec.logFile().toAbsolutePath();
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "---- fraudctl: starting " + spec.name() + " at " + Instant.now() + ": "
                + String.join(" ", spec.command()) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long offset = Files.size(logFile);

        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(spec.environment());
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        long startNanos = System.nanoTime();
        Process process = builder.start();
        if (lifetime == Lifetime.DETACHED) {
            process.getOutputStream().close();
        }
        ManagedProcess managed = new ManagedProcess(spec, process, startNanos, new LogFollower(logFile, offset));
        try {
            managed.pidFile.write(process.toHandle());
        } catch (UncheckedIOException e) {
            process.destroyForcibly();
            throw e.getCause();
        }
        return managed;
    }

    /**
     * Feeds the lines written since the last call to the readiness probe, then polls it.
     *
     * @return whether the process is ready (now or before)
     */
    public boolean checkReady() throws IOException {
        if (readyDetails != null) {
            return true;
        }
        for (String line : log.newLines()) {
            Optional<Map<String, String>> details = spec.readiness().onLine(line);
            if (details.isPresent()) {
                return markReady(details.get());
            }
        }
        Optional<Map<String, String>> details = spec.readiness().poll();
        return details.isPresent() && markReady(details.get());
    }

    private boolean markReady(Map<String, String> details) {
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        readyDetails = Map.copyOf(details);
        return true;
    }

    public String name() {
        return spec.name();
    }

    public ProcessSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean isReady() {
        return readyDetails != null;
    }

    /** What the readiness probe reported (connection info); empty until ready. */
    public Map<String, String> readyDetails() {
        return readyDetails == null ? Map.of() : readyDetails;
    }

    /** From start to ready; null until ready. */
    public Duration startupTime() {
        return startupTime;
    }

    public CompletableFuture<ManagedProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    public OptionalInt exitValue() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The last lines of this run's log. */
    public List<String> logTail(int lines) {
        return log.tail(lines);
    }

    /**
     * Stops the process tree (SIGTERM, {@code grace}, SIGKILL) and deletes its pid file.
     *
     * @return whether it stopped without SIGKILL
     */
    public boolean stop(Duration grace) {
        boolean clean = Processes.terminate(List.of(process.toHandle()), grace).isEmpty();
        forgetPidFile();
        return clean;
    }

    /** Closes the child's standard input: what happens to an attached child when fraudctl dies (tests). */
    void closeStandardInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Deletes the pid file, unless it names another process by now. */
    void forgetPidFile() {
        pidFile.deleteIfOwnedBy(process.pid());
    }

    @Override
    public String toString() {
        return spec.name() + " (pid " + process.pid() + ")";
    }
}
