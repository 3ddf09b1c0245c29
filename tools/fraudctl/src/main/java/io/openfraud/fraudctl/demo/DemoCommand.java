package io.openfraud.fraudctl.demo;

import io.openfraud.fraudctl.home.FraudctlHome;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fraudctl demo}: seeded synthetic traffic through both paths of the running platform, then a report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Sends seeded synthetic transactions through the asynchronous and synchronous paths of the "
                + "running platform and prints sent, accepted, rejected, scored and latency p50/p99 per path.")
public class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = "--count", defaultValue = "400", description = "Transactions to send (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ingestion", defaultValue = "http://localhost:8081",
            description = "ingestion-service URL (default ${DEFAULT-VALUE}).")
    URI ingestion;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be >= 1");
        }
        DemoRun.Report report = DemoRun.withInstallKeys(home.keys(), ingestion).run(count, seed,
                Duration.ofSeconds(60));
        report.print(spec.commandLine().getOut());
        return report.scored() == report.accepted() ? 0 : 1;
    }
}
