package io.openfraud.governance.dsr.service;

import io.openfraud.governance.config.DsrConfig;
import io.openfraud.governance.config.MaskingConfig;
import io.openfraud.governance.dsr.client.SubjectDataClient;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.List;

/**
 * Resolves the subject named in a request to the keyed pseudonym ingestion-service uses, with the same keys: a
 * customer id through {@link Pseudonymizer}, a card number to its token through {@link CardTokenizer} (the number goes
 * no further than this call), an e-mail address through ingestion's blind index (the address is not stored).
 */
@ApplicationScoped
public class SubjectResolver {

    private final Pseudonymizer pseudonymizer;
    private final CardTokenizer cards;
    private final SubjectDataClient client;
    private final String emailService;

    SubjectResolver(MaskingConfig masking, DsrConfig dsr, SubjectDataClient client) {
        this.pseudonymizer = new Pseudonymizer(Base64.getDecoder().decode(masking.pseudonymKey().orElseThrow(() ->
                new IllegalStateException("openfraud.masking.pseudonym-key is required (a secret)")).trim()));
        this.cards = new CardTokenizer(Base64.getDecoder().decode(masking.panKey().orElseThrow(() ->
                new IllegalStateException("openfraud.masking.pan-key is required (a secret)")).trim()));
        this.client = client;
        this.emailService = dsr.emailLookupService();
    }

    /** The subject's kind and pseudonym (or card token). */
    public Resolved resolve(String customerId, String email, String cardNumber) {
        int named = (customerId == null ? 0 : 1) + (email == null ? 0 : 1) + (cardNumber == null ? 0 : 1);
        if (named != 1) {
            throw ProblemException.badRequest("Name the subject by exactly one of customerId, email, cardNumber.",
                    List.of(new Problem.FieldError("subject", "exactly one of customerId, email, cardNumber",
                            "subject.one-identifier")));
        }
        if (customerId != null) {
            try {
                return new Resolved("customerId", pseudonymizer.customer(customerId));
            } catch (IllegalArgumentException e) {
                throw invalid("subject.customerId", "is blank");
            }
        }
        if (cardNumber != null) {
            try {
                return new Resolved("cardNumber", cards.tokenize(cardNumber).token());
            } catch (IllegalArgumentException e) {
                throw invalid("subject.cardNumber", "must be 12 to 19 digits");
            }
        }
        if (email.isBlank() || email.length() > 320 || !email.contains("@")) {
            throw invalid("subject.email", "is not an e-mail address");
        }
        List<String> found;
        try {
            found = client.searchByEmail(emailService, email);
        } catch (RuntimeException e) {
            throw new ProblemException(503, "The e-mail look-up (" + emailService + ") is unavailable; retry later.");
        }
        if (found.isEmpty()) {
            throw new ProblemException(404, "No data subject is known by this e-mail address.");
        }
        if (found.size() > 1) {
            throw new ProblemException(409, "Several data subjects share this e-mail address; name the customerId.");
        }
        return new Resolved("email", found.get(0));
    }

    private static ProblemException invalid(String field, String reason) {
        return ProblemException.badRequest("The subject is not valid.",
                List.of(new Problem.FieldError(field, reason, "subject.format")));
    }

    /** How the subject was named, and its pseudonym. */
    public record Resolved(String kind, String pseudonym) {
    }
}
