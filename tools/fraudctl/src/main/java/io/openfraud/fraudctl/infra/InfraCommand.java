package io.openfraud.fraudctl.infra;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fraudctl infra}: the stores alone, for services run by hand or in dev mode. */
@Command(name = "infra", description = "Starts or stops Kafka, PostgreSQL, Redis and the Mongo-wire server on fixed "
        + "local ports.", subcommands = {InfraUpCommand.class, InfraDownCommand.class})
public class InfraCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: up or down");
    }
}
