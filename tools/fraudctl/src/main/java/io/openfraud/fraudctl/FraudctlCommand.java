package io.openfraud.fraudctl;

import io.openfraud.fraudctl.infra.InfraCommand;
import io.openfraud.fraudctl.keys.KeysCommand;
import io.openfraud.fraudctl.services.DownCommand;
import io.openfraud.fraudctl.services.UpCommand;
import io.openfraud.fraudctl.status.StatusCommand;
import io.openfraud.fraudctl.token.TokenCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/**
 * {@code fraudctl}: the platform's local and operations command line. Foundation B adds the stores as processes
 * ({@code infra up|down}, {@code status}), per-install keys and tokens; {@code up}/{@code down} run the services too; {@code demo} sends
 * synthetic traffic and {@code import} bulk-loads a file; {@code score}, {@code train} and {@code evaluate} run files through the
 * platform's scoring, its training runs, or the training code locally.
 */
@TopCommand
@Command(name = "fraudctl", mixinStandardHelpOptions = true, versionProvider = FraudctlVersion.class,
        description = "Runs, feeds and inspects the OpenFraud platform.",
        subcommands = {UpCommand.class, DownCommand.class, io.openfraud.fraudctl.demo.DemoCommand.class,
            io.openfraud.fraudctl.imports.ImportCommand.class, io.openfraud.fraudctl.features.FeaturesCommand.class,
            io.openfraud.fraudctl.score.ScoreCommand.class, io.openfraud.fraudctl.models.TrainCommand.class,
            io.openfraud.fraudctl.models.EvaluateCommand.class,
            InfraCommand.class, StatusCommand.class, KeysCommand.class, TokenCommand.class, TopicsCommand.class,
            io.openfraud.fraudctl.bench.BenchCommand.class})
public class FraudctlCommand {
}
