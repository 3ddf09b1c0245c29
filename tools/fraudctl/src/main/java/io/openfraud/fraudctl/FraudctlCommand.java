package io.openfraud.fraudctl;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/**
 * {@code fraudctl}: the platform's local and operations command line. Foundation A ships the command frame; the
 * subcommands (up, down, status, infra, demo, token, import, train, score) arrive with the issues that build them.
 */
@TopCommand
@Command(name = "fraudctl", mixinStandardHelpOptions = true, versionProvider = FraudctlVersion.class,
        description = "Runs, feeds and inspects the OpenFraud platform.",
        subcommands = {TopicsCommand.class})
public class FraudctlCommand {
}
