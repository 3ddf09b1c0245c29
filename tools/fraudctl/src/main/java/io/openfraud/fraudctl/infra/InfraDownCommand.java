package io.openfraud.fraudctl.infra;

import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
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

/** {@code fraudctl infra down}. */
@Command(name = "down", description = "Stops the stores started by 'fraudctl infra up' (from their pid files): "
        + "SIGTERM, then SIGKILL after the grace period. Data stays in $FRAUDCTL_HOME/data.")
class InfraDownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = "--grace", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long each store gets to stop before it is killed (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long begin = System.nanoTime();
        Map<InfraStore, InfraStack.StopOutcome> outcomes =
                new InfraStack(home, InfraPorts.FIXED, JavaCommand.ofThisApplication()).down(grace);
        outcomes.forEach((store, outcome) -> out.printf("%-9s %s%n", store.storeName(), outcome.label()));
        if (outcomes.values().stream().allMatch(o -> o == InfraStack.StopOutcome.NOT_RUNNING)) {
            out.println("Nothing was running (no live pid file under " + home.run() + ").");
        } else {
            out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - begin) / 1e9);
        }
        out.flush();
        return 0;
    }
}
