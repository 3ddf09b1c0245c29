package io.openfraud.fraudctl.services;

import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.infra.InfraStack;
import io.openfraud.fraudctl.infra.InfraStore;
import io.openfraud.fraudctl.process.JavaCommand;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fraudctl down}: the services, then the stores, from their pid files. */
@Command(name = "down", description = "Stops what 'fraudctl up' started (from the pid files): the services first, "
        + "then the stores; SIGTERM, then SIGKILL after the grace period. Store data stays in $FRAUDCTL_HOME/data.")
public class DownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = "--grace", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long each process gets to stop before it is killed (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long begin = System.nanoTime();
        Map<PlatformService, InfraStack.StopOutcome> services = ServiceStack.of(home).down(grace);
        services.forEach((service, outcome) -> out.printf("%-19s %s%n", service.serviceName(), outcome.label()));
        out.flush();
        Map<InfraStore, InfraStack.StopOutcome> stores =
                new InfraStack(home, InfraPorts.FIXED, JavaCommand.ofThisApplication()).down(grace);
        stores.forEach((store, outcome) -> out.printf("%-19s %s%n", store.storeName(), outcome.label()));
        boolean nothing = services.values().stream().allMatch(o -> o == InfraStack.StopOutcome.NOT_RUNNING)
                && stores.values().stream().allMatch(o -> o == InfraStack.StopOutcome.NOT_RUNNING);
        if (nothing) {
            out.println("Nothing was running (no live pid file under " + home.run() + ").");
        } else {
            out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - begin) / 1e9);
        }
        out.flush();
        return 0;
    }
}
