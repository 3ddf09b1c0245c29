package io.openfraud.platform.test;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Signed bearer tokens for tests, with the key pair of {@link JwtTestResource}. Call from a {@code @QuarkusTest}. */
public final class Tokens {

    /** Issuer of the platform's tokens (same value as {@code io.openfraud.web.security.Roles.ISSUER}). */
    public static final String ISSUER = "openfraud";

    private Tokens() {
    }

    /** A one-hour token for subject {@code test} with {@code roles} in its groups claim. */
    public static String withRoles(String... roles) {
        return Jwt.issuer(ISSUER).upn("test").subject("test").groups(Set.of(roles)).expiresIn(3600).sign();
    }

    /** {@code Bearer <token>} for an Authorization header. */
    public static String bearer(String... roles) {
        return "Bearer " + withRoles(roles);
    }
}
