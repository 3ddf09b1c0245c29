package io.openfraud.fraudctl.home;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Makes {@link FraudctlHome} injectable into commands. */
@Singleton
class FraudctlHomeProducer {

    @Produces
    @Singleton
    FraudctlHome home(FraudctlConfig config) {
        return new FraudctlHome(Path.of(config.home()));
    }
}
