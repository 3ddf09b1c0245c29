package io.openfraud.web.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a production service without the keys it needs from configuration or secrets. Dev mode and
 * tests get theirs from {@code fraudctl} ({@code $FRAUDCTL_HOME/keys}) or from the test resources; nothing falls
 * back to a key in code.
 */
@ApplicationScoped
public class KeyMaterialCheck {

    /** Verification key of bearer tokens: one of these must be set. */
    static final List<String> JWT_KEY_PROPERTIES = List.of("mp.jwt.verify.publickey",
            "mp.jwt.verify.publickey.location");

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = missing(config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: no key material configured for " + missing
                    + ". Provide them from configuration or a secret (see docs/security.md).");
        }
    }

    static List<String> missing(Config config) {
        boolean jwt = JWT_KEY_PROPERTIES.stream().map(name -> config.getOptionalValue(name, String.class))
                .anyMatch(Optional::isPresent);
        List<String> required = config.getOptionalValues("openfraud.security.required-keys", String.class)
                .orElse(List.of());
        List<String> missing = new java.util.ArrayList<>();
        if (!jwt) {
            missing.add(String.join(" or ", JWT_KEY_PROPERTIES));
        }
        required.stream().filter(name -> config.getOptionalValue(name, String.class).isEmpty())
                .forEach(missing::add);
        return missing;
    }
}
