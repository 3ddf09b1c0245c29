package io.openfraud.ingestion.masking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.ingestion.config.MaskingConfig;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.GeoDistance;
import io.openfraud.masking.Pseudonymizer;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Masks a canonical transaction: card number to token + BIN + last four, identifiers to keyed pseudonyms, amounts to
 * integer minor units of their currency. The CVV and expiry are dropped here.
 */
@ApplicationScoped
public class MaskingService {

    private static final long MAX_AGE = 150;
    private static final ObjectMapper MAPPER = EventJson.newMapper();

    private final CardTokenizer cards;
    private final Pseudonymizer pseudonyms;

    private final String keyId;

    MaskingService(MaskingConfig config) {
        this.keyId = config.keyId();
        this.cards = new CardTokenizer(Base64.getDecoder().decode(config.panKey()));
        this.pseudonyms = new Pseudonymizer(Base64.getDecoder().decode(config.pseudonymKey()));
    }

    /** Free text with every card-number-like run of 12 to 19 digits (spaces and dashes allowed) blanked. */
    public static String blankCardNumbers(String text) {
        return RecordMasker.blankDigitRuns(text);
    }

    /** The id of the masking keys in use, recorded with each stored row. */
    public String keyId() {
        return keyId;
    }

    /** The customer pseudonym of a client identifier (also used to look a subject up). */
    public String customerPseudonym(String customerId) {
        return pseudonyms.customer(customerId);
    }

    public MaskedTransaction mask(Transaction t) {
        List<FieldError> errors = new ArrayList<>();
        Currency currency = Currency.getInstance(t.currency());
        long amount = minor(t.amount(), currency, "amount", errors);
        Long customerBefore = t.account() == null ? null
                : minorOrNull(t.account().balanceBefore(), currency, "account.balanceBefore", errors);
        Long customerAfter = t.account() == null ? null
                : minorOrNull(t.account().balanceAfter(), currency, "account.balanceAfter", errors);
        Long counterpartyBefore = minorOrNull(t.counterparty().balanceBefore(), currency,
                "counterparty.balanceBefore", errors);
        Long counterpartyAfter = minorOrNull(t.counterparty().balanceAfter(), currency,
                "counterparty.balanceAfter", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The transaction has invalid fields.", errors);
        }
        MaskedTransaction.MaskedCard card = null;
        if (t.card() != null && t.card().pan() != null) {
            card = cards.tokenize(t.card().pan());
        }
        return new MaskedTransaction(t.transactionId(), t.timestamp(), t.type(), amount, currency.getCurrencyCode(),
                new MaskedParty(pseudonyms.customer(t.customer().id()), customerBefore, customerAfter),
                new MaskedParty(pseudonyms.counterparty(t.counterparty().id()), counterpartyBefore,
                        counterpartyAfter),
                card, context(t));
    }

    /**
     * What may be published of a v2 transaction's context: derivations and pseudonyms, never the personal data
     * itself (no name, address, date of birth, home coordinates, raw device id or IP address).
     */
    MaskedContext context(Transaction t) {
        Transaction.Person person = t.customer().person();
        Transaction.Counterparty cp = t.counterparty();
        Integer distance = person != null && person.location() != null && cp.location() != null
                ? (int) Math.round(GeoDistance.kilometres(person.location(), cp.location())) : null;
        Integer age = null;
        if (person != null && person.dateOfBirth() != null) {
            long years = ChronoUnit.YEARS.between(person.dateOfBirth(),
                    t.timestamp().atOffset(ZoneOffset.UTC).toLocalDate());
            age = years >= 0 && years <= MAX_AGE ? (int) years : null;
        }
        Long population = person == null || person.address() == null ? null : person.address().cityPopulation();
        Transaction.Device device = t.device();
        MaskedContext context = new MaskedContext(t.channel(), cp.category(), distance, age, population,
                device == null || device.id() == null ? null : pseudonyms.device(device.id()),
                device == null || device.ip() == null ? null : pseudonyms.ip(device.ip()));
        return context.isEmpty() ? null : context;
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

    private static Long minorOrNull(BigDecimal value, Currency currency, String field, List<FieldError> errors) {
        return value == null ? null : minor(value, currency, field, errors);
    }

    /**
     * Minor units; more decimals than the currency has are rounded half up (the data-quality rule
     * DQ-AMOUNT-PRECISION warns about them).
     */
    private static long minor(BigDecimal value, Currency currency, String field, List<FieldError> errors) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        try {
            return value.setScale(digits, RoundingMode.HALF_UP).movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            errors.add(new FieldError(field, "is too large"));
            return 0;
        }
    }
}
