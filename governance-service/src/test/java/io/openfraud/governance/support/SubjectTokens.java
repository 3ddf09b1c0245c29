package io.openfraud.governance.support;

import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import io.openfraud.platform.test.Tokens;
import io.smallrye.jwt.build.Jwt;
import java.util.Base64;
import java.util.Set;

/** Tokens bound to a subject or a staff id, and the pseudonyms ingestion would compute with the test keys. */
public final class SubjectTokens {

    private SubjectTokens() {
    }

    /** {@code Bearer} token with {@code sub} = {@code subject} and the given roles. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + Jwt.issuer(Tokens.ISSUER).upn(subject).subject(subject).groups(Set.of(roles))
                .expiresIn(3600).sign();
    }

    public static String pseudonym(String customerId) {
        return new Pseudonymizer(Base64.getDecoder().decode(System.getProperty(GovernanceTestResource.PSEUDONYM_KEY)))
                .customer(customerId);
    }

    public static String cardToken(String pan) {
        return new CardTokenizer(Base64.getDecoder().decode(System.getProperty(GovernanceTestResource.PAN_KEY)))
                .tokenize(pan).token();
    }
}
