package io.openfraud.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static KeyPair keys;
    private static JWTAuthContextInfo context;

    private final AtomicInteger verified = new AtomicInteger();
    private final JWTCallerPrincipalFactory counting = new JWTCallerPrincipalFactory() {
        private final DefaultJWTCallerPrincipalFactory real = new DefaultJWTCallerPrincipalFactory();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
            verified.incrementAndGet();
            return real.parse(token, info);
        }
    };
    private MutableClock clock;
    private VerifiedTokenCache cache;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        context = new JWTAuthContextInfo(keys.getPublic(), "https://openfraud.test");
    }

    @BeforeEach
    void cache() {
        clock = new MutableClock(Instant.now());
        cache = new VerifiedTokenCache(counting, clock, 100, Duration.ofMinutes(5));
    }

    private static String token(String subject, Instant expires) {
        return Jwt.issuer("https://openfraud.test").upn(subject).groups("service").expiresAt(expires)
                .sign(keys.getPrivate());
    }

    @Test
    void aTokenIsVerifiedOnceThenServedUntilItExpires() throws Exception {
        String token = token("svc-a", clock.instant().plusSeconds(3600));

        JWTCallerPrincipal first = cache.parse(token, context);
        JWTCallerPrincipal second = cache.parse(token, context);

        assertThat(second).isSameAs(first);
        assertThat(second.getName()).isEqualTo("svc-a");
        assertThat(second.getGroups()).containsExactly("service");
        assertThat(verified).hasValue(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void anotherTokenIsNeverAnsweredFromTheCache() throws Exception {
        Instant expires = clock.instant().plusSeconds(3600);
        JWTCallerPrincipal a = cache.parse(token("svc-a", expires), context);
        JWTCallerPrincipal b = cache.parse(token("svc-b", expires), context);

        assertThat(a.getName()).isEqualTo("svc-a");
        assertThat(b.getName()).isEqualTo("svc-b");
        assertThat(verified).hasValue(2);
    }

    @Test
    void aForgedTokenIsRefusedEveryTimeAndNeverCached() {
        String token = token("svc-a", clock.instant().plusSeconds(3600));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Jwt.issuer("https://openfraud.test").upn("admin").groups("admin")
                .expiresAt(clock.instant().plusSeconds(3600)).sign(keys.getPrivate()).split("\\.")[1] + "." + parts[2];

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.parse(forged, context)).isInstanceOf(ParseException.class);
        }
        assertThat(verified).hasValue(2);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void anExpiredTokenIsNotServedFromTheCache() throws Exception {
        String token = token("svc-a", clock.instant().plusSeconds(60));
        cache.parse(token, context);

        clock.advance(Duration.ofSeconds(61));
        // the cache no longer answers; the verifier decides (it runs on real time here, so it still accepts)
        cache.parse(token, context);

        assertThat(verified).hasValue(2);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void anEntryIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        String token = token("svc-a", clock.instant().plusSeconds(3600));
        cache.parse(token, context);
        clock.advance(Duration.ofMinutes(4));
        cache.parse(token, context);
        assertThat(verified).hasValue(1);

        clock.advance(Duration.ofMinutes(2));
        cache.parse(token, context);
        assertThat(verified).hasValue(2);
    }

    @Test
    void noEntriesMeansEveryRequestIsVerified() throws Exception {
        VerifiedTokenCache off = new VerifiedTokenCache(counting, clock, 0, Duration.ofMinutes(5));
        String token = token("svc-a", clock.instant().plusSeconds(3600));
        off.parse(token, context);
        off.parse(token, context);
        assertThat(verified).hasValue(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
