package io.openfraud.scoring.model;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Scoring's own {@code service} token for the registry: these calls run in the background (start-up, lifecycle
 * events), so there is no caller's token to propagate. A configured token (a secret) wins; otherwise one is signed
 * with the platform's signing key when this deployment has it.
 */
@ApplicationScoped
public class RegistryTokenHeaders implements org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory {

    private static final Logger LOG = Logger.getLogger(RegistryTokenHeaders.class);

    private final ModelConfig config;
    private final String issuer;

    RegistryTokenHeaders(ModelConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "openfraud") String issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String token = config.registryToken().orElseGet(this::signed);
        if (token != null) {
            headers.putSingle("Authorization", "Bearer " + token);
        }
        return headers;
    }

    private String signed() {
        try {
            return Jwt.issuer(issuer).upn("scoring-service").subject("scoring-service").groups(Set.of("service"))
                    .expiresIn(Duration.ofMinutes(5)).sign();
        } catch (RuntimeException noSigningKey) {
            LOG.debug("no registry token configured and no signing key: calling the registry without a token");
            return null;
        }
    }
}
