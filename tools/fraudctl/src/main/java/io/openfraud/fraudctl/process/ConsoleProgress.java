package io.openfraud.fraudctl.process;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints each step of a supervised start or stop as it happens; shared by {@code infra up} and {@code up}. */
public final class ConsoleProgress implements ProcessSupervisor.Listener {

    private final PrintWriter out;

    public ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    /** {@code 12.3 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Whether the JVM is shutting down (hooks cannot be added any more then). */
    public static boolean shutdownInProgress() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Override
    public void started(ManagedProcess process) {
        out.printf("starting %s (pid %d)%n", process.name(), process.pid());
        out.flush();
    }

    @Override
    public void ready(ManagedProcess process) {
        out.printf("%s ready in %s%n", process.name(), seconds(process.startupTime()));
        out.flush();
    }

    @Override
    public void stopping(List<ManagedProcess> processes) {
        out.println("stopping " + processes.stream().map(ManagedProcess::name).collect(Collectors.joining(", ")));
        out.flush();
    }
}
