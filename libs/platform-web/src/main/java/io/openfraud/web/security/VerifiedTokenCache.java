package io.openfraud.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies each distinct bearer token once, then serves its verified principal until the token expires. Services
 * call each other with the same token for minutes, and checking its RSA signature and parsing its claims again on
 * every request was the largest single cost of a cheap request (about 8 % of the CPU samples of
 * {@code POST /api/v1/features/vector}; RSA arithmetic led the intake's profile).
 *
 * <p>What is cached is only the result of a successful verification by smallrye-jwt's own factory, keyed by the
 * exact token string: a token that differs in any byte is verified afresh, and a failure is never cached. An entry
 * is used only while the token has not expired (its {@code exp}, without the clock skew the first verification
 * allowed) and for at most {@code openfraud.security.token-cache.max-age}; the cache holds at most
 * {@code openfraud.security.token-cache.max-entries} tokens (least recently used go first). Set max-entries to 0 to
 * verify every request.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier;
    private final Clock clock;
    private final Cache<String, JWTCallerPrincipal> verified;
    private final LongAdder hits = new LongAdder();
    private final LongAdder verifications = new LongAdder();
    private final boolean enabled;

    @Inject
    VerifiedTokenCache(@ConfigProperty(name = "openfraud.security.token-cache.max-entries", defaultValue = "10000")
            long maxEntries,
            @ConfigProperty(name = "openfraud.security.token-cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        this(new DefaultJWTCallerPrincipalFactory(), Clock.systemUTC(), maxEntries, maxAge);
    }

    /** For tests: another verifier and clock. */
    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, Clock clock, long maxEntries, Duration maxAge) {
        this.verifier = verifier;
        this.clock = clock;
        this.enabled = maxEntries > 0;
        this.verified = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(maxAge)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal cached = enabled ? verified.getIfPresent(token) : null;
        if (cached != null && stillValid(cached)) {
            hits.increment();
            return cached;
        }
        verifications.increment();
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo);
        if (enabled && stillValid(principal)) {
            verified.put(token, principal);
        }
        return principal;
    }

    private boolean stillValid(JWTCallerPrincipal principal) {
        return clock.millis() / 1000 < principal.getExpirationTime();
    }

    /** Requests answered from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** Tokens verified by smallrye-jwt (first sight, expiry or eviction). */
    public long verifications() {
        return verifications.sum();
    }
}
