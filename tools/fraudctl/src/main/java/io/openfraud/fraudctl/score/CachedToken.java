package io.openfraud.fraudctl.score;

import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/** A token signed by the install key, reissued when half its lifetime has passed (signing per request costs ~1 ms). */
public final class CachedToken implements Supplier<String> {

    private static final Duration TTL = Duration.ofMinutes(10);

    private final TokenIssuer issuer;
    private final String subject;
    private final Set<Role> roles;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public CachedToken(TokenIssuer issuer, String subject, Set<Role> roles, Clock clock) {
        this.issuer = issuer;
        this.subject = subject;
        this.roles = Set.copyOf(roles);
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            token = issuer.issue(subject, roles, TTL);
            renewAt = now.plus(TTL.dividedBy(2));
        }
        return token;
    }
}
