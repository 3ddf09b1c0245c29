package io.openfraud.formats.paysim;

import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.TransactionIds;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deterministic id of a PaySim row: {@code "ps-"} + the first 24 hex digits of
 * SHA-256({@code "paysim-row-id/v1"}, rowNumber, step, TYPE, amount, nameOrig, oldbalanceOrg, newbalanceOrig,
 * nameDest, oldbalanceDest, newbalanceDest). Each value is hashed as its normalised text (numbers as
 * {@code stripTrailingZeros().toPlainString()}, an empty balance as the empty string) preceded by its UTF-8 length, so
 * that no two different rows hash the same input. A run of more than 12 digits in the hex is split by an underscore
 * ({@link TransactionIds}), as the transactionId contract allows no card-number-like run. The version tag lets a future rule coexist with this one.
 */
final class PaySimRowId {

    private static final String PREFIX = "ps-";
    private static final int HEX_DIGITS = 24;
    private static final byte[] VERSION = "paysim-row-id/v1".getBytes(StandardCharsets.UTF_8);

    private final MessageDigest sha256;
    private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);

    PaySimRowId() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String of(long rowNumber, int step, TransactionType type, BigDecimal amount, String nameOrig,
              BigDecimal oldBalanceOrig, BigDecimal newBalanceOrig, String nameDest, BigDecimal oldBalanceDest,
              BigDecimal newBalanceDest) {
        sha256.reset();
        add(VERSION);
        add(Long.toString(rowNumber));
        add(Integer.toString(step));
        add(type.name());
        add(amount);
        add(nameOrig);
        add(oldBalanceOrig);
        add(newBalanceOrig);
        add(nameDest);
        add(oldBalanceDest);
        add(newBalanceDest);
        byte[] digest = sha256.digest();
        // a hex string can hold a long run of digits: split as the transactionId contract requires
        return TransactionIds.withoutCardLikeRuns(PREFIX + HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2));
    }

    private void add(BigDecimal number) {
        add(number == null ? "" : number.stripTrailingZeros().toPlainString());
    }

    private void add(String text) {
        add(text.getBytes(StandardCharsets.UTF_8));
    }

    private void add(byte[] bytes) {
        sha256.update(length.clear().putInt(bytes.length).array());
        sha256.update(bytes);
    }
}
