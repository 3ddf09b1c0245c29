package io.openfraud.formats.paysim;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.MalformedRowException;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.RowDecoder;
import io.openfraud.formats.csv.Column;
import io.openfraud.formats.csv.CsvHeader;
import io.openfraud.formats.csv.CsvRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps PaySim / CiferAI rows. Columns are found by header name (any order, extra columns ignored); all are required
 * except {@code isFraud} (no label when absent or empty) and {@code isFlaggedFraud} (never read: it is the simulated
 * bank's rule, not ground truth). Balances may be empty.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>PaySim</th><th>canonical</th></tr>
 * <tr><td>{@code step}</td><td>{@code timestamp} = paySimStart + (step - 1) hours; step is an integer &ge; 1</td></tr>
 * <tr><td>{@code type}</td><td>{@code type}: PAYMENT, TRANSFER, CASH_OUT, CASH_IN or DEBIT</td></tr>
 * <tr><td>{@code amount}</td><td>{@code amount}; {@code currency} from the options</td></tr>
 * <tr><td>{@code nameOrig}</td><td>{@code customer.id}</td></tr>
 * <tr><td>{@code oldbalanceOrg}, {@code newbalanceOrig}</td><td>{@code account.balanceBefore/After}</td></tr>
 * <tr><td>{@code nameDest}, {@code oldbalanceDest}, {@code newbalanceDest}</td>
 *     <td>{@code counterparty.id/balanceBefore/balanceAfter}</td></tr>
 * <tr><td>{@code isFraud}</td><td>label: 1 FRAUD, 0 LEGIT</td></tr>
 * </table>
 *
 * <p><b>Transaction ids.</b> PaySim rows have no id, so each gets one that is the same every time the same file is
 * read, which makes re-importing a file idempotent: {@code "ps-"} followed by the first 24 hex digits (96 bits) of
 * the SHA-256 of the data-row number and the row's normalised values (see {@link PaySimRowId}). The row number keeps
 * two identical rows apart; normalising (numbers without trailing zeros, trimmed names, upper-case type) means a file
 * re-exported with {@code 1.00} for {@code 1.0}, reordered columns or extra columns keeps its ids. The label is left
 * out, so correcting a label does not create a new transaction. Editing the file in a way that shifts rows does change
 * the ids of the rows after the edit. The id shows no customer id in clear, but it is not a pseudonym: anyone holding
 * the row can recompute it.
 */
public final class PaySimDecoder implements RowDecoder {

    private final Instant start;
    private final String currency;
    private final PaySimRowId ids = new PaySimRowId();
    private Columns columns;

    public PaySimDecoder(FormatOptions options) {
        this.start = options.paySimStart();
        this.currency = options.paySimCurrency();
    }

    @Override
    public boolean hasHeader() {
        return true;
    }

    @Override
    public void readHeader(String line) {
        CsvHeader header = CsvHeader.parse(line);
        columns = new Columns(
                header.require("step"),
                header.require("type"),
                header.require("amount"),
                header.require("nameOrig"),
                header.require("oldbalanceOrg"),
                header.require("newbalanceOrig"),
                header.require("nameDest"),
                header.require("oldbalanceDest"),
                header.require("newbalanceDest"),
                header.find("isFraud"),
                header);
    }

    @Override
    public ParsedRow.Parsed decode(long rowNumber, String line) {
        CsvRow row = columns.header().row(line);
        int step = step(row.text(columns.step()));
        TransactionType type = type(row.text(columns.type()));
        BigDecimal amount = row.decimal(columns.amount());
        String customer = row.text(columns.nameOrig());
        BigDecimal accountBefore = row.decimalOrNull(columns.oldBalanceOrig());
        BigDecimal accountAfter = row.decimalOrNull(columns.newBalanceOrig());
        String counterparty = row.text(columns.nameDest());
        BigDecimal counterpartyBefore = row.decimalOrNull(columns.oldBalanceDest());
        BigDecimal counterpartyAfter = row.decimalOrNull(columns.newBalanceDest());
        Optional<LabelValue> label = row.label(columns.isFraud());

        String id = ids.of(rowNumber, step, type, amount, customer, accountBefore, accountAfter, counterparty,
                counterpartyBefore, counterpartyAfter);
        Transaction.Account account = accountBefore == null && accountAfter == null
                ? null
                : new Transaction.Account(accountBefore, accountAfter);
        Transaction transaction = new Transaction(
                id,
                start.plusSeconds(3600L * (step - 1)),
                type,
                amount,
                currency,
                new Transaction.Customer(customer),
                new Transaction.Counterparty(counterparty, counterpartyBefore, counterpartyAfter),
                account,
                null);
        return new ParsedRow.Parsed(rowNumber, transaction, label);
    }

    private static int step(String text) {
        int step;
        try {
            step = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new MalformedRowException("step: not an integer");
        }
        if (step < 1) {
            throw new MalformedRowException("step: must be 1 or more");
        }
        return step;
    }

    private static TransactionType type(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "PAYMENT" -> TransactionType.PAYMENT;
            case "TRANSFER" -> TransactionType.TRANSFER;
            case "CASH_OUT" -> TransactionType.CASH_OUT;
            case "CASH_IN" -> TransactionType.CASH_IN;
            case "DEBIT" -> TransactionType.DEBIT;
            default -> throw new MalformedRowException("type: not a PaySim transaction type");
        };
    }

    /** Where the columns are in this file; known once the header is read. */
    private record Columns(
            Column step,
            Column type,
            Column amount,
            Column nameOrig,
            Column oldBalanceOrig,
            Column newBalanceOrig,
            Column nameDest,
            Column oldBalanceDest,
            Column newBalanceDest,
            Optional<Column> isFraud,
            CsvHeader header) {
    }
}
