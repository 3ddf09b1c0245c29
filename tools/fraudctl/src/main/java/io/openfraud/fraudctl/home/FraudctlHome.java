package io.openfraud.fraudctl.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of {@code FRAUDCTL_HOME}:
 *
 * <pre>
 * keys/             per-install secrets (0700; files 0600)
 * data/&lt;store&gt;/     store data kept across restarts
 * logs/&lt;name&gt;.log   standard output and error of each process fraudctl starts
 * run/&lt;name&gt;.pid    pid files of the processes fraudctl started
 * tmp/              java.io.tmpdir of those processes (PostgreSQL binaries unpack here)
 * infra-logging.properties   the stores' logging configuration, copied once, editable
 * </pre>
 */
public final class FraudctlHome {

    private final Path root;

    public FraudctlHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path logFile(String name) {
        return logs().resolve(name + ".log");
    }

    public Path pidFile(String name) {
        return run().resolve(name + ".pid");
    }

    /** Creates the directories processes write to (not {@code keys/}: {@code InstallKeys} owns it). */
    public FraudctlHome createProcessDirectories() {
        try {
            Files.createDirectories(data());
            Files.createDirectories(logs());
            Files.createDirectories(run());
            Files.createDirectories(tmp());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of FRAUDCTL_HOME " + root, e);
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
