package io.openfraud.fraudctl.infra;

import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.process.Lifetime;
import io.openfraud.fraudctl.process.ConsoleProgress;
import io.openfraud.fraudctl.process.ManagedProcess;
import io.openfraud.fraudctl.process.ProcessSupervisor;
import io.openfraud.fraudctl.process.StartupException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fraudctl infra up [--detach]}. */
@Command(name = "up", description = {
    "Starts the four stores as child processes, in parallel, and waits until each serves:",
    "Kafka 127.0.0.1:19092 (controller 19093, platform topics created with their declared retention.ms and "
        + "cleanup.policy, set back if they drifted), PostgreSQL 15432 (databases ingestion, "
        + "retraining and scoring, postgres/postgres), Redis 16379, Mongo-wire 17017.",
    "Data in $FRAUDCTL_HOME/data, logs in $FRAUDCTL_HOME/logs. Stays in the foreground until Ctrl-C unless "
        + "--detach."})
class InfraUpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-d", "--detach"}, description = "Return once the stores serve and leave them running; "
            + "stop them with 'fraudctl infra down'.")
    boolean detach;

    @Option(names = "--timeout", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long to wait for all stores to serve (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InfraStack stack = new InfraStack(home, InfraPorts.FIXED, JavaCommand.ofThisApplication());
        ProcessSupervisor supervisor = new ProcessSupervisor(ProcessSupervisor.DEFAULT_STOP_GRACE,
                new ConsoleProgress(out)).stopOnShutdown();
        Lifetime lifetime = detach ? Lifetime.DETACHED : Lifetime.ATTACHED;

        InfraStack.UpResult result;
        try {
            result = stack.up(supervisor, lifetime, timeout);
        } catch (StartupException e) {
            err.println(e.hasCause(StartupException.Cause.PORT_IN_USE) ? "The stores were not started."
                    : "The stores did not start; those that had started were stopped again.");
            err.println(e.getMessage());
            if (e.hasCause(StartupException.Cause.PORT_IN_USE)) {
                err.println("'fraudctl status' tells whether a store of ours holds the port; 'fraudctl infra down' "
                        + "stops stores started with --detach.");
            }
            err.flush();
            return 1;
        }
        printTable(out, stack, result);

        if (detach || result.started().isEmpty()) {
            supervisor.detach();
            out.println(result.started().isEmpty() ? "Already running; 'fraudctl infra down' stops them."
                    : "Running in the background; 'fraudctl infra down' stops them, 'fraudctl status' shows them.");
            out.flush();
            return 0;
        }
        out.println("Running in the foreground: Ctrl-C stops them.");
        out.flush();
        ManagedProcess first = supervisor.awaitFirstExit();
        if (ConsoleProgress.shutdownInProgress()) {
            return 0; // Ctrl-C: the shutdown hook stops the others
        }
        int code = first.exitValue().orElse(-1);
        err.printf("%s exited (code %d); stopping the other stores. Its log: %s%n", first.name(), code,
                first.spec().logFile());
        err.flush();
        supervisor.stopAll();
        // 143/130: stopped by SIGTERM/SIGINT from outside (e.g. 'fraudctl infra down'), not a crash.
        return code == 0 || code == 143 || code == 130 ? 0 : 1;
    }

    private static void printTable(PrintWriter out, InfraStack stack, InfraStack.UpResult result) {
        out.printf("%-9s %-8s %-9s %s%n", "STORE", "PID", "READY IN", "URL");
        for (InfraStore store : InfraStore.values()) {
            ManagedProcess process = result.started().get(store);
            String pid = process != null ? Long.toString(process.pid())
                    : String.valueOf(result.alreadyRunning().get(store));
            String readyIn = process != null ? ConsoleProgress.seconds(process.startupTime()) : "running";
            out.printf("%-9s %-8s %-9s %s%n", store.storeName(), pid, readyIn, store.url(stack.ports()));
        }
        out.println("Logs: " + stack.logFile(InfraStore.KAFKA).getParent());
        result.topics().filter(r -> !r.noChange()).ifPresent(r -> out.println("Topics provisioned: created "
                + r.created() + ", configs set back to their declaration " + r.aligned()));
    }
}
