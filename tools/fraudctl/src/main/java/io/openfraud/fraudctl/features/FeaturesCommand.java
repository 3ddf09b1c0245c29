package io.openfraud.fraudctl.features;

import picocli.CommandLine.Command;

/** {@code fraudctl features}: the feature set, offline. */
@Command(name = "features", description = "Builds point-in-time training sets with the platform's feature code.",
        subcommands = {FeaturesBuildCommand.class})
public class FeaturesCommand {
}
