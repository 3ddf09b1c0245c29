package io.openfraud.fraudctl.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping process trees: ours (children) and those named by pid files (started by an earlier fraudctl). */
public final class Processes {

    /** How long to wait for the kernel after SIGKILL. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private Processes() {
    }

    /**
     * Stops {@code processes} together: SIGTERM to each, then waits until all have exited or {@code grace} has
     * passed; SIGKILL to those left and to their descendants (PostgreSQL and Redis run as grandchildren, which a
     * killed parent could not stop). Descendants a process leaves behind after a clean exit get the same treatment.
     * {@link ProcessHandle}s carry their process' start time, so a pid reused meanwhile is never signalled.
     *
     * @return the processes (of {@code processes}) that had to be killed
     */
    public static List<ProcessHandle> terminate(Collection<ProcessHandle> processes, Duration grace) {
        Set<ProcessHandle> descendants = new LinkedHashSet<>();
        for (ProcessHandle process : processes) {
            process.descendants().forEach(descendants::add);
            process.destroy();
        }
        awaitExit(processes, grace);
        List<ProcessHandle> killed = new ArrayList<>();
        for (ProcessHandle process : processes) {
            if (process.isAlive()) {
                process.descendants().forEach(descendants::add);
                process.destroyForcibly();
                killed.add(process);
            }
        }
        List<ProcessHandle> leftovers = descendants.stream().filter(ProcessHandle::isAlive).toList();
        if (killed.isEmpty() && !leftovers.isEmpty()) {
            leftovers.forEach(ProcessHandle::destroy);
            awaitExit(leftovers, grace);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> all = new ArrayList<>(processes);
        all.addAll(descendants);
        awaitExit(all, AFTER_KILL);
        return killed;
    }

    /** Waits until every process has exited or {@code timeout} has passed; whether they all exited. */
    public static boolean awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for processes to exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
