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
 * no further than this call) and the token to the customer who paid with it, an e-mail address through ingestion's
 * blind index (the address is not stored). Ingestion, feature-service and the topics key a subject by customer
 * pseudonym, so every request is about a {@code cus_} pseudonym whatever named it; a card or an address shared by
 * several customers is refused (409): the request must name the customerId.
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
            String token;
            try {
                token = cards.tokenize(cardNumber).token();
            } catch (IllegalArgumentException e) {
                throw invalid("subject.cardNumber", "must be 12 to 19 digits");
            }
            return new Resolved("cardNumber", single(lookUp("card", () -> client.searchByCardToken(emailService, token)),
                    "card"));
        }
        if (email.isBlank() || email.length() > 320 || !email.contains("@")) {
            throw invalid("subject.email", "is not an e-mail address");
        }
        return new Resolved("email", single(lookUp("e-mail", () -> client.searchByEmail(emailService, email)),
                "e-mail address"));
    }

    private List<String> lookUp(String what, java.util.function.Supplier<List<String>> search) {
        try {
            return search.get();
        } catch (RuntimeException e) {
            throw new ProblemException(503, "The " + what + " look-up (" + emailService + ") is unavailable; retry "
                    + "later.");
        }
    }

    private static String single(List<String> found, String what) {
        if (found.isEmpty()) {
            throw new ProblemException(404, "No data subject is known by this " + what + ".");
        }
        if (found.size() > 1) {
            throw new ProblemException(409, "Several data subjects share this " + what + "; name the customerId.");
        }
        return found.get(0);
    }

    private static ProblemException invalid(String field, String reason) {
        return ProblemException.badRequest("The subject is not valid.",
                List.of(new Problem.FieldError(field, reason, "subject.format")));
    }

    /** How the subject was named, and its pseudonym. */
    public record Resolved(String kind, String pseudonym) {
    }
}
