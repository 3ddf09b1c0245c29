package io.openfraud.formats;

import io.openfraud.formats.ndjson.NdjsonDecoder;
import io.openfraud.formats.paysim.PaySimDecoder;
import io.openfraud.formats.sparkov.SparkovDecoder;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/** The file formats that can be read, each with its command-line name ({@code paysim}, {@code sparkov}, {@code ndjson}). */
public enum FileFormat {

    /** PaySim and CiferAI CSV: {@code step,type,amount,nameOrig,...,isFraud[,isFlaggedFraud]}. */
    PAYSIM("paysim") {
        @Override
        RowDecoder decoder(FormatOptions options) {
            return new PaySimDecoder(options);
        }
    },

    /** Sparkov card-transaction CSV: {@code [index,]trans_date_trans_time,cc_num,merchant,...,is_fraud}. */
    SPARKOV("sparkov") {
        @Override
        RowDecoder decoder(FormatOptions options) {
            return new SparkovDecoder(options);
        }
    },

    /** One canonical transaction JSON object per line, with an optional top-level {@code label} or {@code isFraud}. */
    NDJSON("ndjson") {
        @Override
        RowDecoder decoder(FormatOptions options) {
            return new NdjsonDecoder();
        }
    };

    private final String id;

    FileFormat(String id) {
        this.id = id;
    }

    /** The lower-case name used on command lines and in configuration. */
    public String id() {
        return id;
    }

    /**
     * The format named {@code name}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if no format has that name
     */
    public static FileFormat parse(String name) {
        Objects.requireNonNull(name, "name");
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (FileFormat format : values()) {
            if (format.id.equals(wanted)) {
                return format;
            }
        }
        // The given name is not echoed: callers may pass anything here, including a misplaced file line.
        throw new IllegalArgumentException("unknown file format; expected one of paysim, sparkov, ndjson");
    }

    /**
     * Opens a streaming reader over UTF-8 bytes. Bytes that are not valid UTF-8 become U+FFFD (and so, usually, a
     * malformed row) instead of failing the whole file. Closing the reader closes {@code in}.
     */
    public TransactionReader open(InputStream in, FormatOptions options) {
        Objects.requireNonNull(in, "in");
        return open(new InputStreamReader(in, StandardCharsets.UTF_8), options);
    }

    /** Opens a streaming reader over characters. Closing the reader closes {@code in}. */
    public TransactionReader open(Reader in, FormatOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        return new TransactionReader(in, decoder(options), options.sourceName().orElse(id));
    }

    abstract RowDecoder decoder(FormatOptions options);
}
