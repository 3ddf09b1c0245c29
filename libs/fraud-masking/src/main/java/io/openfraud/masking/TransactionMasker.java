package io.openfraud.masking;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

/**
 * A canonical transaction to its masked form, without a framework: card number to token + BIN + last four,
 * identifiers to keyed pseudonyms, amounts to integer minor units (more decimals than the currency has are rounded
 * half up), the person reduced to the published context (age, distance to the merchant, city population). The same
 * rules as ingestion's {@code MaskingService.mask}, for files masked offline ({@code fraudctl features build}).
 */
public final class TransactionMasker {

    private static final long MAX_AGE = 150;

    private final CardTokenizer cards;
    private final Pseudonymizer pseudonyms;

    public TransactionMasker(byte[] panKey, byte[] pseudonymKey) {
        this.cards = new CardTokenizer(panKey);
        this.pseudonyms = new Pseudonymizer(pseudonymKey);
    }

    /**
     * @throws IllegalArgumentException naming the field (never its value) if an amount does not fit minor units or
     *                                  the card number is not one
     */
    public MaskedTransaction mask(Transaction t) {
        Currency currency = Currency.getInstance(t.currency());
        long amount = minor(t.amount(), currency, "amount");
        Long customerBefore = t.account() == null ? null : minorOrNull(t.account().balanceBefore(), currency,
                "account.balanceBefore");
        Long customerAfter = t.account() == null ? null : minorOrNull(t.account().balanceAfter(), currency,
                "account.balanceAfter");
        Long counterpartyBefore = minorOrNull(t.counterparty().balanceBefore(), currency,
                "counterparty.balanceBefore");
        Long counterpartyAfter = minorOrNull(t.counterparty().balanceAfter(), currency, "counterparty.balanceAfter");
        MaskedCard card = t.card() != null && t.card().pan() != null ? cards.tokenize(t.card().pan()) : null;
        return new MaskedTransaction(t.transactionId(), t.timestamp(), t.type(), amount, currency.getCurrencyCode(),
                new MaskedParty(pseudonyms.customer(t.customer().id()), customerBefore, customerAfter),
                new MaskedParty(pseudonyms.counterparty(t.counterparty().id()), counterpartyBefore,
                        counterpartyAfter),
                card, context(t));
    }

    /** What may be published of a v2 transaction's context: derivations and pseudonyms, never the personal data. */
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

    private static Long minorOrNull(BigDecimal value, Currency currency, String field) {
        return value == null ? null : minor(value, currency, field);
    }

    private static long minor(BigDecimal value, Currency currency, String field) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        try {
            return value.setScale(digits, RoundingMode.HALF_UP).movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is too large");
        }
    }
}
