package io.openfraud.fraudctl.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A pid file: the pid and the start time of a process fraudctl started. The start time guards against pid reuse:
 * a pid file whose process has gone and whose pid now belongs to another process does not name that process.
 */
public final class PidFile {

    /** Start times come from /proc in ticks; two readings of the same process agree, this covers coarser clocks. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final Path path;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Writes the pid file of {@code process} atomically (a reader never sees half a file). */
    public void write(ProcessHandle process) {
        String start = process.info().startInstant().map(Instant::toString).orElse("");
        String content = process.pid() + "\n" + start + "\n";
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName().toString(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + path, e);
        }
    }

    /** The live process this file names; empty if there is no file, or its process has gone. */
    public Optional<ProcessHandle> process() {
        return read().flatMap(PidFile::liveProcess);
    }

    /** Whether the file exists but names no live process (a crash or a reboot left it behind). */
    public boolean isStale() {
        return Files.exists(path) && process().isEmpty();
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete pid file " + path, e);
        }
    }

    /** Deletes the file if it still names {@code pid}, so a newer process' pid file survives. */
    public void deleteIfOwnedBy(long pid) {
        Optional<Entry> entry = read();
        if (entry.isPresent() && entry.get().pid() == pid) {
            delete();
        }
    }

    Optional<Entry> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pid file " + path, e);
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            Instant start = lines.size() > 1 && !lines.get(1).isBlank() ? Instant.parse(lines.get(1).trim()) : null;
            return Optional.of(new Entry(pid, start));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty(); // not ours, or damaged: treat as no process
        }
    }

    private static Optional<ProcessHandle> liveProcess(Entry entry) {
        Optional<ProcessHandle> handle = ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty() || entry.start() == null) {
            return handle;
        }
        Optional<Instant> actualStart = handle.get().info().startInstant();
        if (actualStart.isPresent()
                && Duration.between(entry.start(), actualStart.get()).abs().compareTo(START_TOLERANCE) > 0) {
            return Optional.empty(); // the pid was reused by another process
        }
        return handle;
    }

    record Entry(long pid, Instant start) {
    }
}
