package io.openfraud.fraudctl.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts processes in parallel, waits until each serves, and stops them: on request, on a failed start, or when
 * fraudctl's JVM shuts down (Ctrl-C) unless they were {@link #detach() detached}.
 *
 * <pre>
 * ProcessSupervisor supervisor = new ProcessSupervisor(grace, listener).stopOnShutdown();
 * List&lt;ManagedProcess&gt; ready = supervisor.startAll(specs, Lifetime.ATTACHED, timeout); // or StartupException
 * supervisor.awaitFirstExit();   // foreground: until one exits (or Ctrl-C stops them all)
 * supervisor.stopAll();
 * // or, for a background start: supervisor.detach(); and later Processes.terminate via the pid files
 * </pre>
 */
public final class ProcessSupervisor {

    /** How long a process gets between SIGTERM and SIGKILL by default: Kafka's controlled shutdown takes ~1 s. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    /**
     * Period at which log files and probes are checked while waiting for readiness. Log files are followed by
     * reading, not by a file watcher: the JDK's watcher polls every 10 s on macOS. A process exit ends the wait at
     * once, whatever the period.
     */
    static final Duration POLL_PERIOD = Duration.ofMillis(50);

    private static final int LOG_TAIL_LINES = 15;

    /** Progress callbacks, called on the thread that starts or stops. */
    public interface Listener {
        default void started(ManagedProcess process) {
        }

        default void ready(ManagedProcess process) {
        }

        default void stopping(List<ManagedProcess> processes) {
        }
    }

    private final Duration stopGrace;
    private final Listener listener;
    private final List<ManagedProcess> supervised = new ArrayList<>();
    private final Object stopLock = new Object();
    private Thread shutdownHook;

    public ProcessSupervisor(Duration stopGrace, Listener listener) {
        this.stopGrace = stopGrace;
        this.listener = listener;
    }

    public ProcessSupervisor() {
        this(DEFAULT_STOP_GRACE, new Listener() {
        });
    }

    /** Stops every supervised process when this JVM shuts down (Ctrl-C, SIGTERM), unless detached by then. */
    public synchronized ProcessSupervisor stopOnShutdown() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopAll, "fraudctl-stop-children");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /**
     * Starts every spec at once and waits until each is ready. Checks first that their ports are free, so a port
     * taken by another program fails fast, naming it, before anything starts.
     *
     * @param timeout for all of them together
     * @return the processes, ready, in the order of {@code specs}
     * @throws StartupException if a port is taken, a process exits before it is ready or the timeout passes; the
     *     processes this call started have been stopped by then
     */
    public List<ManagedProcess> startAll(List<ProcessSpec> specs, Lifetime lifetime, Duration timeout)
            throws StartupException {
        List<StartupException.Failure> portsTaken = new ArrayList<>();
        for (ProcessSpec spec : specs) {
            for (int port : spec.ports()) {
                if (!Ports.isFree(port)) {
                    portsTaken.add(new StartupException.Failure(spec.name(),
                            StartupException.Cause.PORT_IN_USE, "port " + port
                            + " is already in use by another process", null, List.of()));
                }
            }
        }
        if (!portsTaken.isEmpty()) {
            throw new StartupException(portsTaken);
        }

        List<ManagedProcess> started = new ArrayList<>();
        for (ProcessSpec spec : specs) {
            try {
                ManagedProcess process = ManagedProcess.start(spec, lifetime);
                started.add(process);
                synchronized (this) {
                    supervised.add(process);
                }
                listener.started(process);
            } catch (IOException | RuntimeException e) {
                stop(started);
                throw new StartupException(List.of(new StartupException.Failure(spec.name(),
                        StartupException.Cause.NOT_STARTED, "could not be started: " + e, spec.logFile(), List.of())));
            }
        }

        List<StartupException.Failure> failures = awaitReady(started, timeout);
        if (!failures.isEmpty()) {
            stop(started);
            throw new StartupException(failures);
        }
        return List.copyOf(started);
    }

    private List<StartupException.Failure> awaitReady(List<ManagedProcess> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ManagedProcess> pending = new ArrayList<>(processes);
        List<StartupException.Failure> failures = new ArrayList<>();
        while (!pending.isEmpty()) {
            for (ManagedProcess process : List.copyOf(pending)) {
                boolean ready;
                try {
                    ready = process.checkReady();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the log of " + process.name(), e);
                }
                if (ready) {
                    pending.remove(process);
                    listener.ready(process);
                } else if (!process.isAlive()) {
                    pending.remove(process);
                    failures.add(failure(process, StartupException.Cause.EXITED,
                            "exited with code " + process.exitValue().orElse(-1) + " before it was ready"));
                }
            }
            if (!failures.isEmpty() || pending.isEmpty()) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                for (ManagedProcess process : pending) {
                    failures.add(failure(process, StartupException.Cause.TIMED_OUT, "not ready after "
                            + timeout.toSeconds() + " s (waiting for " + process.spec().readiness() + ")"));
                }
                break;
            }
            awaitAnyExit(pending, Math.min(left, POLL_PERIOD.toNanos()));
        }
        return failures;
    }

    private static StartupException.Failure failure(ManagedProcess process, StartupException.Cause cause,
            String reason) {
        return new StartupException.Failure(process.name(), cause, reason, process.spec().logFile(),
                process.logTail(LOG_TAIL_LINES));
    }

    /** Blocks until one supervised process exits; returns it. Ctrl-C ends the wait too (the hook stops them). */
    public ManagedProcess awaitFirstExit() throws InterruptedException {
        List<ManagedProcess> processes = processes();
        if (processes.isEmpty()) {
            throw new IllegalStateException("no process to wait for");
        }
        try {
            return (ManagedProcess) CompletableFuture
                    .anyOf(processes.stream().map(ManagedProcess::onExit).toArray(CompletableFuture[]::new))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process to exit", e);
        }
    }

    /** The processes this supervisor would stop. */
    public synchronized List<ManagedProcess> processes() {
        return List.copyOf(supervised);
    }

    /** Stops every supervised process, together (SIGTERM, grace, SIGKILL), and deletes their pid files. */
    public void stopAll() {
        synchronized (stopLock) { // a second caller (the shutdown hook and the main thread) waits, then finds none
            List<ManagedProcess> processes;
            synchronized (this) {
                processes = List.copyOf(supervised);
            }
            stop(processes);
        }
    }

    /** Lets every supervised process outlive this supervisor and this JVM: they are stopped through pid files. */
    public synchronized void detach() {
        supervised.clear();
    }

    private void stop(List<ManagedProcess> processes) {
        if (processes.isEmpty()) {
            return;
        }
        listener.stopping(processes);
        Processes.terminate(processes.stream().map(ManagedProcess::handle).toList(), stopGrace);
        processes.forEach(ManagedProcess::forgetPidFile);
        synchronized (this) {
            supervised.removeAll(processes);
        }
    }

    private static void awaitAnyExit(List<ManagedProcess> processes, long nanos) {
        CompletableFuture<?>[] exits = processes.stream().map(ManagedProcess::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the poll period passed: check logs and probes again
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for processes to be ready", e);
        }
    }
}
