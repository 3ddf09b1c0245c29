package io.openfraud.governance.audit.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The head of the audit chain (sequence and MAC of the newest entry this replica wrote), kept outside MongoDB in a
 * file beside the HMAC key's mount and signed with that key. MongoDB alone cannot say that its newest entries were
 * deleted, or that the whole collection was replaced: the anchor can, also after a restart. Advanced after every
 * append (monotonic: a lower sequence never replaces a higher one), replaced atomically (write, then rename).
 *
 * <p>Whoever can write the file but lacks the key cannot forge a higher or different head (the signature fails),
 * but could put back an older signed file: keep it on storage MongoDB's writers cannot reach (a volume of the
 * governance pod only, or WORM storage), and the head is also published in the log at every scheduled verification.
 */
public final class AuditAnchor {

    private static final String HEADER = "openfraud-audit-anchor v1";

    private final Path file;
    private final SecretKeySpec key;
    private long anchored = -1;

    /** The anchor at {@code file}, signed with {@code key} (the audit HMAC key). */
    public AuditAnchor(Path file, SecretKeySpec key) {
        this.file = file;
        this.key = key;
    }

    /** The head recorded in the anchor file, if any. */
    public record Head(long sequence, String mac) {
    }

    /** Thrown when the anchor file exists but is not one this key signed (edited, forged, truncated). */
    public static final class InvalidAnchorException extends RuntimeException {
        InvalidAnchorException(String message) {
            super(message);
        }
    }

    /** Where the anchor is kept. */
    public Path file() {
        return file;
    }

    /** Records {@code sequence} and {@code mac} as the head, unless the anchor already holds this or a later one. */
    public synchronized void advance(long sequence, String mac) {
        if (anchored < 0) {
            try {
                anchored = read().map(Head::sequence).orElse(0L);
            } catch (InvalidAnchorException e) {
                anchored = 0; // overwritten with a valid head; the verification reported the invalid one
            }
        }
        if (sequence <= anchored) {
            return;
        }
        String text = HEADER + "\nsequence=" + sequence + "\nmac=" + mac + "\nsignature=" + sign(sequence, mac) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".audit-anchor", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            anchored = sequence;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit anchor " + file, e);
        }
    }

    /** The signed head in the file; empty when there is no file yet. */
    public Optional<Head> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit anchor " + file, e);
        }
        if (lines.size() < 4 || !HEADER.equals(lines.get(0)) || !lines.get(1).startsWith("sequence=")
                || !lines.get(2).startsWith("mac=") || !lines.get(3).startsWith("signature=")) {
            throw new InvalidAnchorException("not an audit anchor");
        }
        long sequence;
        try {
            sequence = Long.parseLong(lines.get(1).substring("sequence=".length()));
        } catch (NumberFormatException e) {
            throw new InvalidAnchorException("unreadable sequence");
        }
        String mac = lines.get(2).substring("mac=".length());
        String signature = lines.get(3).substring("signature=".length());
        if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                sign(sequence, mac).getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidAnchorException("signature does not match the audit key");
        }
        return Optional.of(new Head(sequence, mac));
    }

    private String sign(long sequence, String mac) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return HexFormat.of().formatHex(hmac.doFinal(("audit-anchor|" + sequence + "|" + mac)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
