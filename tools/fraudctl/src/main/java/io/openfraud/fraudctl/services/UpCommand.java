package io.openfraud.fraudctl.services;

import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.infra.InfraStack;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.models.FirstChampion;
import io.openfraud.fraudctl.process.ConsoleProgress;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.process.Lifetime;
import io.openfraud.fraudctl.process.ManagedProcess;
import io.openfraud.fraudctl.process.ProcessSupervisor;
import io.openfraud.fraudctl.process.StartupException;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fraudctl up [--detach]}: keys, stores, then the five services. */
@Command(name = "up", description = {
    "Runs the whole platform locally: creates the keys if needed, starts the stores (as 'fraudctl infra up'), then "
        + "the five services from their packaged jars, in parallel, in the prod profile:",
    "ingestion 8081, feature 8082, scoring 8083, retraining 8084, governance 8085.",
    "Waits until each answers /q/health/ready. Stays in the foreground until Ctrl-C unless --detach."})
public class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-d", "--detach"}, description = "Return once everything is ready and leave it running; "
            + "stop it with 'fraudctl down'.")
    boolean detach;

    @Option(names = "--demo", description = "Once healthy, send the demo traffic (fraudctl demo) and print its report.")
    boolean demo;

    @Option(names = "--no-first-champion", description = "Do not train the first champion on synthetic data when the "
            + "model registry is empty.")
    boolean noFirstChampion;

    @Option(names = "--timeout", defaultValue = "300s", converter = DurationConverter.class,
            description = "How long to wait for the stores, then again for the services (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        long begin = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServiceStack services = ServiceStack.of(home);
        List<PlatformService> missing = services.missingJars();
        if (!missing.isEmpty()) {
            err.println("The packaged services are missing: " + missing.stream().map(services::jar)
                    .map(Object::toString).collect(Collectors.joining(", ")));
            err.println("Build them first, from " + services.repository() + ": ./mvnw -B -DskipTests install");
            err.flush();
            return 1;
        }
        InstallKeys keys = InstallKeys.ensure(home.keys());
        if (!keys.created().isEmpty()) {
            out.println("Created keys " + String.join(", ", keys.created()) + " in " + keys.directory());
        }

        InfraStack infra = new InfraStack(home, InfraPorts.FIXED, JavaCommand.ofThisApplication());
        ConsoleProgress progress = new ConsoleProgress(out);
        ProcessSupervisor infraSupervisor = new ProcessSupervisor(ProcessSupervisor.DEFAULT_STOP_GRACE, progress);
        ProcessSupervisor serviceSupervisor = new ProcessSupervisor(ProcessSupervisor.DEFAULT_STOP_GRACE, progress);
        // One hook, so the services stop before the stores they depend on (two hooks would run concurrently).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            serviceSupervisor.stopAll();
            infraSupervisor.stopAll();
        }, "fraudctl-stop-platform"));
        Lifetime lifetime = detach ? Lifetime.DETACHED : Lifetime.ATTACHED;

        InfraStack.UpResult stores;
        try {
            stores = infra.up(infraSupervisor, lifetime, timeout);
        } catch (StartupException e) {
            err.println("The stores did not start; nothing else was started.");
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
        ServiceStack.UpResult result;
        try {
            result = services.up(serviceSupervisor, keys, lifetime, timeout);
        } catch (StartupException e) {
            err.println(e.hasCause(StartupException.Cause.PORT_IN_USE) ? "The services were not started."
                    : "The services did not start; those that had started were stopped again.");
            err.println(e.getMessage());
            err.flush();
            infraSupervisor.stopAll(); // the stores this run started; stores already running are left alone
            return 1;
        }
        Duration total = Duration.ofNanos(System.nanoTime() - begin);
        printTable(out, services, result);
        out.printf(Locale.ROOT, "All healthy in %s (stores %s started, %d already running; keys, stores and "
                + "services).%n", ConsoleProgress.seconds(total), stores.started().size(), stores.alreadyRunning().size());
        out.println("Logs: " + home.logs());
        stores.topics().filter(r -> !r.noChange()).ifPresent(r -> out.println("Topics provisioned: created "
                + r.created() + ", configs set back to their declaration " + r.aligned()));
        if (!noFirstChampion) {
            firstChampion(out, err, keys);
        }
        if (demo) {
            out.flush();
            io.openfraud.fraudctl.demo.DemoRun.withInstallKeys(home.keys(), java.net.URI.create(
                    "http://localhost:" + io.openfraud.fraudctl.services.PlatformService.INGESTION.port()))
                    .run(400, 42, Duration.ofSeconds(60)).print(out);
        }

        boolean startedNothing = stores.started().isEmpty() && result.started().isEmpty();
        if (detach || startedNothing) {
            infraSupervisor.detach();
            serviceSupervisor.detach();
            out.println(startedNothing ? "Already running; 'fraudctl down' stops it."
                    : "Running in the background; 'fraudctl down' stops it, 'fraudctl status' shows it.");
            out.flush();
            return 0;
        }
        out.println("Running in the foreground: Ctrl-C stops the services, then the stores.");
        out.flush();
        ManagedProcess first = awaitFirstExit(infraSupervisor, serviceSupervisor);
        if (ConsoleProgress.shutdownInProgress()) {
            return 0; // Ctrl-C: the shutdown hook stops the rest
        }
        int code = first.exitValue().orElse(-1);
        err.printf("%s exited (code %d); stopping everything. Its log: %s%n", first.name(), code,
                first.spec().logFile());
        err.flush();
        serviceSupervisor.stopAll();
        infraSupervisor.stopAll();
        return code == 0 || code == 143 || code == 130 ? 0 : 1;
    }

    /** An empty registry gets a champion trained on synthetic data (issue #6); scoring's answers do not change. */
    private void firstChampion(PrintWriter out, PrintWriter err, InstallKeys keys) throws InterruptedException {
        String admin = new TokenIssuer(keys.loadJwtPrivateKey(), Clock.systemUTC())
                .issue("fraudctl-up", Set.of(Role.ADMIN), Duration.ofHours(1));
        try {
            FirstChampion.Outcome outcome = new FirstChampion(URI.create(PlatformService.RETRAINING.url()), admin,
                    Clock.systemUTC()).ensure(timeout, out);
            if (outcome == FirstChampion.Outcome.FAILED) {
                err.println("No first champion: the platform runs on the rules fallback until a model is trained "
                        + "(fraudctl train).");
            }
        } catch (IOException e) {
            err.println("Could not ask retraining-service for the first champion: " + e.getMessage());
        }
        out.flush();
        err.flush();
    }

    private static ManagedProcess awaitFirstExit(ProcessSupervisor... supervisors) throws InterruptedException {
        List<CompletableFuture<ManagedProcess>> exits = new ArrayList<>();
        for (ProcessSupervisor supervisor : supervisors) {
            supervisor.processes().forEach(process -> exits.add(process.onExit()));
        }
        try {
            return (ManagedProcess) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process to exit", e);
        }
    }

    private static void printTable(PrintWriter out, ServiceStack services, ServiceStack.UpResult result) {
        out.printf("%-19s %-8s %-9s %s%n", "SERVICE", "PID", "READY IN", "URL");
        for (PlatformService service : PlatformService.values()) {
            ManagedProcess process = result.started().get(service);
            String pid = process != null ? Long.toString(process.pid())
                    : String.valueOf(result.alreadyRunning().get(service));
            String readyIn = process != null ? ConsoleProgress.seconds(process.startupTime()) : "running";
            out.printf("%-19s %-8s %-9s %s%n", service.serviceName(), pid, readyIn, service.url());
        }
    }
}
