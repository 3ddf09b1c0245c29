package io.openfraud.ingestion.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.ingestion.export.service.TransactionExport;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The export's memory on a large volume: runs only with {@code -Pbench}. Stores {@code -Dopenfraud.bench.export-rows}
 * (default 1,000,000) transactions with one SQL statement, then streams them through {@link TransactionExport} (the
 * code behind {@code GET /api/v1/exports/transactions}) into a sink that counts bytes, sampling the used heap
 * ({@link MemoryMXBean}) every 10,000 lines. Prints heap used before, peak during and after (each after a GC
 * request), rows/s, and the load average. Run:
 * {@code ./mvnw -o -B -pl ingestion-service -am verify -Pbench -Dtest=ExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class ExportBenchmark {

    private static final long MB = 1024 * 1024;

    @Inject
    TransactionExport export;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void exportsOneMillionRowsWithFlatMemory() throws Exception {
        int rows = Integer.getInteger("openfraud.bench.export-rows", 1_000_000);
        Instant from = Instant.parse("2032-01-01T00:00:00Z");
        long loadStart = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO transactions (transaction_id, event_time, type, amount_minor, currency, customer_pseudonym,
                    counterparty_pseudonym, card_token, card_bin, card_last4, path, key_id, delete_after, context)
                SELECT 'bench-export-' || n, timestamptz '2032-01-01T00:00:00Z' + n * interval '1 second', 'CARD',
                       100 + n % 100000, 'EUR', 'cus_benchexport' || (n % 50000), 'cpt_benchexport' || (n % 500),
                       'tok_benchexport' || (n % 50000), '411111', '1111', 'ASYNC', 'k1',
                       timestamptz '2037-01-01T00:00:00Z',
                       jsonb_build_object('merchantCategory', 'grocery_pos', 'channel', 'POS')
                FROM generate_series(1, ?) n""")) {
            insert.setInt(1, rows);
            insert.executeUpdate();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        long[] peak = {before};
        long[] bytes = {0};
        long[] lines = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n' && ++lines[0] % 10_000 == 0) {
                        peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                    }
                }
            }
        };
        long start = System.nanoTime();
        long written = export.write(new TransactionExport.Selection(from, from.plusSeconds(rows + 1L), null), sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();

        assertThat(written).isEqualTo(rows);
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "?";
        System.out.printf("%nEXPORT BENCHMARK %d rows (%.0f MB NDJSON): stored in %.1f s; exported in %.1f s = %.0f rows/s;"
                + " heap used before %d MB, peak %d MB (sampled every 10,000 lines, no GC forced during), after %d MB;"
                + " max heap %d MB; fetch size %d; load average %s%n", rows, bytes[0] / (double) MB, loadSeconds,
                seconds, rows / seconds, before / MB, peak[0] / MB, after / MB,
                memory.getHeapMemoryUsage().getMax() / MB, TransactionExport.FETCH_SIZE, load);
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM transactions WHERE transaction_id LIKE 'bench-export-%'")) {
            delete.executeUpdate();
        }
    }
}
