package io.openfraud.ingestion.masking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.ingestion.config.MaskingConfig;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks a canonical transaction: card number to token + BIN + last four, identifiers to keyed pseudonyms, amounts to
 * integer minor units of their currency. The CVV and expiry are dropped here.
 */
@ApplicationScoped
public class MaskingService {

    private static final ObjectMapper MAPPER = EventJson.newMapper();

    private final CardTokenizer cards;
    private final Pseudonymizer pseudonyms;

    private final String keyId;
    private final TransactionMasker masker;
    /** Every configured pseudonym key by id, the one in force first (for look-ups across rotations). */
    private final Map<String, Pseudonymizer> pseudonymsByKeyId = new LinkedHashMap<>();

    MaskingService(MaskingConfig config) {
        this.keyId = config.keyId();
        config.retiredKeys().forEach((id, retired) -> {
            if (id.equals(config.keyId())) {
                throw new IllegalArgumentException("openfraud.masking.retired-keys." + id + " is the key id in force");
            }
        });
        this.cards = new CardTokenizer(Base64.getDecoder().decode(config.panKey()));
        this.pseudonyms = new Pseudonymizer(Base64.getDecoder().decode(config.pseudonymKey()));
        pseudonymsByKeyId.put(keyId, pseudonyms);
        config.retiredKeys().forEach((id, retired) -> pseudonymsByKeyId.put(id,
                new Pseudonymizer(Base64.getDecoder().decode(retired.pseudonymKey()))));
        this.masker = new TransactionMasker(Base64.getDecoder().decode(config.panKey()),
                Base64.getDecoder().decode(config.pseudonymKey()));
    }

    /** Free text with every card-number-like run of 12 to 19 digits (spaces and dashes allowed) blanked. */
    public static String blankCardNumbers(String text) {
        return RecordMasker.blankDigitRuns(text);
    }

    /** The id of the masking keys in use, recorded with each stored row. */
    public String keyId() {
        return keyId;
    }

    /** The customer pseudonym of a client identifier under the key in force. */
    public String customerPseudonym(String customerId) {
        return pseudonyms.customer(customerId);
    }

    /**
     * The customer pseudonym of a client identifier under every configured key (in force and retired), by key id: a
     * subject whose rows were written before a rotation is found under the key id those rows record.
     */
    public Map<String, String> customerPseudonymsUnderEveryKey(String customerId) {
        Map<String, String> all = new LinkedHashMap<>();
        pseudonymsByKeyId.forEach((id, p) -> all.put(id, p.customer(customerId)));
        return all;
    }

    /**
     * The masked transaction, by the masking shared with the offline feature builder ({@link TransactionMasker}); an
     * amount or balance too large for minor units, or a card number it cannot tokenise, is a 400 problem.
     */
    public MaskedTransaction mask(Transaction t) {
        try {
            return masker.mask(t);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage() == null ? "is invalid" : e.getMessage();
            int space = reason.indexOf(' ');
            String field = space > 0 ? reason.substring(0, space) : "";
            throw ProblemException.badRequest("The transaction has invalid fields.",
                    List.of(new FieldError(field, space > 0 ? reason.substring(space + 1) : reason)));
        }
    }

    /**
     * A record as received, masked for the data-quality report, quarantine and {@code transactions.rejected}: the
     * card number becomes its token, BIN and last four (or {@code [masked]} when it is not a card number), CVV and
     * expiry are dropped, party ids become pseudonyms, the person is withheld, device id and IP become pseudonyms,
     * and any other run of 12 or more digits (spaces and dashes allowed) is blanked.
     */
    public Map<String, Object> maskRecord(JsonNode record) {
        if (record == null || !record.isObject()) {
            return Map.of("unreadable", true);
        }
        ObjectNode copy = record.deepCopy();
        RecordMasker.mask(copy, cards, pseudonyms);
        return MAPPER.convertValue(copy, new TypeReference<Map<String, Object>>() { });
    }


}
