package io.openfraud.ingestion.masking;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.ingestion.config.MaskingConfig;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;

/**
 * Masks a canonical transaction: card number to token + BIN + last four, identifiers to keyed pseudonyms, amounts to
 * integer minor units of their currency. The CVV and expiry are dropped here.
 */
@ApplicationScoped
public class MaskingService {

    private final CardTokenizer cards;
    private final Pseudonymizer pseudonyms;

    MaskingService(MaskingConfig config) {
        this.cards = new CardTokenizer(Base64.getDecoder().decode(config.panKey()));
        this.pseudonyms = new Pseudonymizer(Base64.getDecoder().decode(config.pseudonymKey()));
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
                card);
    }

    private static Long minorOrNull(BigDecimal value, Currency currency, String field, List<FieldError> errors) {
        return value == null ? null : minor(value, currency, field, errors);
    }

    private static long minor(BigDecimal value, Currency currency, String field, List<FieldError> errors) {
        try {
            return value.movePointRight(Math.max(currency.getDefaultFractionDigits(), 0)).longValueExact();
        } catch (ArithmeticException e) {
            errors.add(new FieldError(field, "has more decimals than " + currency.getCurrencyCode() + " allows"));
            return 0;
        }
    }
}
