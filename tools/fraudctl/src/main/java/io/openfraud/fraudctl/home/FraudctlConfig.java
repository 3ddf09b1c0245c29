package io.openfraud.fraudctl.home;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** fraudctl's own configuration. */
@ConfigMapping(prefix = "fraudctl")
public interface FraudctlConfig {

    /**
     * Where fraudctl keeps per-install keys, store data, logs and pid files. Set by the {@code FRAUDCTL_HOME}
     * environment variable (the {@code ./fraudctl} script defaults it to {@code <repository>/.fraudctl}) or the
     * {@code fraudctl.home} system property, which wins.
     */
    @WithDefault("${user.home}/.fraudctl")
    String home();
}
