package io.openfraud.fraudctl;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (the Maven project version), so it never drifts from the build. */
class FraudctlVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = FraudctlCommand.class.getPackage().getImplementationVersion();
        return new String[] {"fraudctl " + (version == null ? "development build" : version)};
    }
}
