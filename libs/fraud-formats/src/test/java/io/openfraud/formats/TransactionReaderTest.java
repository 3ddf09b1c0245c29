package io.openfraud.formats;

import static io.openfraud.formats.Rows.parsed;
import static io.openfraud.formats.Rows.read;
import static io.openfraud.formats.Rows.readBytes;
import static io.openfraud.formats.Rows.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TransactionReaderTest {

    static final String HEADER = "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
            + "newbalanceDest,isFraud,isFlaggedFraud";
    static final String ROW = "1,PAYMENT,9.99,C1,10,0.01,M1,0,0,0,0";
    static final String NDJSON_ROW = "{\"transactionId\":\"t\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"type\":\"CARD\","
            + "\"amount\":1,\"currency\":\"USD\",\"customer\":{\"id\":\"c\"}}";

    @Test
    void emptyInputsHaveNoRows() {
        for (FileFormat format : FileFormat.values()) {
            assertThat(read(format, "")).isEmpty();
            assertThat(read(format, "\n \r\n\t\n")).isEmpty();
        }
        assertThat(read(FileFormat.PAYSIM, HEADER + "\n")).isEmpty();
    }

    @Test
    void readsAByteOrderMarkAndCrlfLineEndings() {
        byte[] bytes = utf8("\uFEFF" + HEADER + "\r\n" + ROW + "\r\n" + ROW + "\r\n");

        assertThat(parsed(readBytes(FileFormat.PAYSIM, bytes))).hasSize(2);
    }

    @Test
    void readsCarriageReturnLineEndingsAndALastLineWithoutEnding() {
        assertThat(parsed(read(FileFormat.PAYSIM, HEADER + "\r" + ROW + "\r" + ROW))).hasSize(2);
        assertThat(parsed(read(FileFormat.NDJSON, NDJSON_ROW + "\r\n" + NDJSON_ROW))).hasSize(2);
    }

    @Test
    void blankLinesAreNotRows() {
        List<ParsedRow> rows = read(FileFormat.PAYSIM, "\n\n" + HEADER + "\n\n" + ROW + "\n   \n" + ROW + "\n\n");

        assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L);
        assertThat(parsed(rows)).hasSize(2);
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        byte[] row = utf8(ROW.replace("C1", "C\u00e9"));
        byte[] broken = new byte[row.length];
        System.arraycopy(row, 0, broken, 0, row.length);
        broken[ROW.indexOf("C1") + 1] = (byte) 0xC3;
        broken[ROW.indexOf("C1") + 2] = (byte) 0x28;
        byte[] header = utf8(HEADER + "\n");
        byte[] file = new byte[header.length + broken.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(broken, 0, file, header.length, broken.length);

        assertThat(readBytes(FileFormat.PAYSIM, file)).hasSize(1);
    }

    @Test
    void anOverlongLineIsOneMalformedRow() {
        String overlong = "9".repeat(TransactionReader.MAX_LINE_LENGTH + 1);

        List<ParsedRow> rows = read(FileFormat.PAYSIM, String.join("\n", HEADER, ROW, overlong, ROW));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).isEqualTo(new ParsedRow.Malformed(2, "row: longer than 1048576 characters"));
        assertThat(rows.get(2)).isInstanceOf(ParsedRow.Parsed.class);
    }

    @Test
    void anOverlongHeaderMakesEveryRowMalformed() {
        String header = HEADER + ",x" + " ".repeat(TransactionReader.MAX_LINE_LENGTH);

        assertThat(read(FileFormat.PAYSIM, header + "\n" + ROW)).containsExactly(
                new ParsedRow.Malformed(1, "header: longer than 1048576 characters"));
    }

    @Test
    void readsLazily() {
        // An endless input: only a streaming reader can return the first rows of it.
        InputStream endless = new InputStream() {
            private final byte[] line = utf8(NDJSON_ROW + "\n");
            private long position;

            @Override
            public int read() {
                return line[(int) (position++ % line.length)];
            }
        };

        try (TransactionReader reader = FileFormat.NDJSON.open(endless, FormatOptions.defaults())) {
            assertThat(reader.stream().limit(1000)).hasSize(1000).allMatch(ParsedRow.Parsed.class::isInstance);
        }
    }

    @Test
    void closingTheStreamClosesTheInput() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(utf8(NDJSON_ROW)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        try (Stream<ParsedRow> rows = FileFormat.NDJSON.open(in, FormatOptions.defaults()).stream()) {
            assertThat(rows.count()).isOne();
        }
        assertThat(closed).isTrue();
    }

    @Test
    void nextAfterTheLastRowThrowsNoSuchElement() {
        try (TransactionReader reader = FileFormat.NDJSON.open(new StringReader(NDJSON_ROW),
                FormatOptions.defaults())) {
            reader.next();
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void anInputFailureIsAnUncheckedIoExceptionNamingTheSourceOnly() {
        InputStream failing = new InputStream() {
            private final InputStream rows = new ByteArrayInputStream(utf8(HEADER + "\n" + ROW + "\n"));

            @Override
            public int read() throws IOException {
                int next = rows.read();
                if (next < 0) {
                    throw new IOException("disk gone");
                }
                return next;
            }
        };
        FormatOptions options = FormatOptions.defaults().withSourceName("payments.csv");

        try (TransactionReader reader = FileFormat.PAYSIM.open(failing, options)) {
            assertThat(reader.next()).isInstanceOf(ParsedRow.Parsed.class);
            assertThatThrownBy(reader::hasNext)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot read payments.csv")
                    .hasRootCauseMessage("disk gone");
        }
    }

    @Test
    void aDecoderFailureIsAMalformedRowWithoutItsMessage() {
        RowDecoder failing = (rowNumber, line) -> {
            throw new IllegalStateException("secret " + line);
        };

        try (TransactionReader reader = new TransactionReader(new StringReader("4000123412341234\n"), failing,
                "test")) {
            assertThat(reader.next())
                    .isEqualTo(new ParsedRow.Malformed(1, "row: cannot be decoded (IllegalStateException)"));
        }
    }

    @Test
    void rowsAreReadFromBytesAsUtf8() {
        String text = NDJSON_ROW.replace("\"c\"", "\"c\u00e9\u20ac\"");

        ParsedRow.Parsed row = Rows.onlyParsed(readBytes(FileFormat.NDJSON, text.getBytes(StandardCharsets.UTF_8)));

        assertThat(row.transaction().customer().id()).isEqualTo("c\u00e9\u20ac");
    }
}
