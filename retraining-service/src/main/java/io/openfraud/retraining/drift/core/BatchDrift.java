package io.openfraud.retraining.drift.core;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batch drift of a whole file of feature vectors against a reference: the file is memory-mapped, split into row ranges
 * scanned by parallel workers, each with its own histograms, which are then merged (the same mergeability that lets
 * time buckets and replicas add up). The file is in {@link DriftFile}'s format, whose columns are the reference's
 * numeric features (float32) then its categorical ones (one byte each).
 */
public final class BatchDrift {

    private BatchDrift() {
    }

    /** The production profile of every row of {@code file}, counted by {@code threads} workers. */
    public static ProductionProfile profile(ReferenceProfile reference, Path file, int threads) throws IOException {
        DriftFile.Header header = DriftFile.readHeader(file);
        List<FeatureReference> numeric = reference.features().stream()
                .filter(f -> f.kind() == FeatureKind.NUMERIC).toList();
        List<FeatureReference> categorical = reference.features().stream()
                .filter(f -> f.kind() == FeatureKind.CATEGORICAL).toList();
        if (header.numeric() != numeric.size() || header.categorical() != categorical.size()) {
            throw new IllegalArgumentException("the file's columns do not match the reference");
        }
        long rows = header.rows();
        int rowBytes = header.rowBytes();
        // at most ~1 GiB per mapping, whole rows
        long rowsPerChunk = Math.max(1, (1L << 30) / rowBytes);
        List<long[]> ranges = new ArrayList<>();
        for (long start = 0; start < rows; start += rowsPerChunk) {
            ranges.add(new long[] {start, Math.min(rows, start + rowsPerChunk)});
        }
        List<long[]> split = new ArrayList<>();
        for (long[] r : ranges) {
            long n = r[1] - r[0];
            long per = Math.max(1, (n + threads - 1) / threads);
            for (long s = r[0]; s < r[1]; s += per) {
                split.add(new long[] {s, Math.min(r[1], s + per)});
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<Future<Worker>> futures = new ArrayList<>();
            for (long[] range : split) {
                futures.add(pool.submit(() -> {
                    Worker w = new Worker(numeric, categorical.size());
                    MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY,
                            DriftFile.HEADER_BYTES + range[0] * rowBytes, (range[1] - range[0]) * rowBytes);
                    buffer.order(ByteOrder.LITTLE_ENDIAN);
                    w.scan(buffer, range[1] - range[0], header.numeric(), header.categorical());
                    return w;
                }));
            }
            Worker total = new Worker(numeric, categorical.size());
            for (Future<Worker> f : futures) {
                total.merge(f.get());
            }
            return total.toProfile(reference, numeric, categorical, rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("a worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The bin {@link NumericHistogram#binOf} gives, by counting edges at or below {@code x} (no branches per edge). */
    static int bin(double[] edges, double x) {
        int n = edges.length;
        int k = 0;
        for (double e : edges) {
            k += e <= x ? 1 : 0;
        }
        if (k == n) {
            return x > edges[n - 1] ? (n == 1 ? 2 : n) : (n == 1 ? 1 : n - 1);
        }
        return k;
    }

    /** One worker's counts. */
    private static final class Worker {
        final double[][] edges;
        final long[][] counts;
        final double[][] sums;
        final double[] min;
        final double[] max;
        final long[] nan;
        final long[][] categories;

        Worker(List<FeatureReference> numeric, int categorical) {
            int m = numeric.size();
            edges = new double[m][];
            counts = new long[m][];
            sums = new double[m][];
            min = new double[m];
            max = new double[m];
            nan = new long[m];
            for (int i = 0; i < m; i++) {
                edges[i] = numeric.get(i).numeric().edges();
                counts[i] = new long[numeric.get(i).numeric().bins()];
                sums[i] = new double[counts[i].length];
                min[i] = Double.POSITIVE_INFINITY;
                max[i] = Double.NEGATIVE_INFINITY;
            }
            categories = new long[categorical][256];
        }

        void scan(MappedByteBuffer b, long rows, int numeric, int categorical) {
            int pos = 0;
            for (long r = 0; r < rows; r++) {
                for (int i = 0; i < numeric; i++) {
                    double x = b.getFloat(pos);
                    pos += 4;
                    if (x != x) {
                        nan[i]++;
                        continue;
                    }
                    int k = bin(edges[i], x);
                    counts[i][k]++;
                    sums[i][k] += x;
                    if (x < min[i]) {
                        min[i] = x;
                    }
                    if (x > max[i]) {
                        max[i] = x;
                    }
                }
                for (int j = 0; j < categorical; j++) {
                    categories[j][b.get(pos++) & 0xFF]++;
                }
            }
        }

        void merge(Worker o) {
            for (int i = 0; i < counts.length; i++) {
                for (int k = 0; k < counts[i].length; k++) {
                    counts[i][k] += o.counts[i][k];
                    sums[i][k] += o.sums[i][k];
                }
                min[i] = Math.min(min[i], o.min[i]);
                max[i] = Math.max(max[i], o.max[i]);
                nan[i] += o.nan[i];
            }
            for (int j = 0; j < categories.length; j++) {
                for (int c = 0; c < 256; c++) {
                    categories[j][c] += o.categories[j][c];
                }
            }
        }

        ProductionProfile toProfile(ReferenceProfile reference, List<FeatureReference> numeric,
                List<FeatureReference> categorical, long rows) {
            ProductionProfile p = new ProductionProfile(reference);
            List<String> names = reference.names();
            for (int i = 0; i < numeric.size(); i++) {
                p.restore(names.indexOf(numeric.get(i).name()), NumericHistogram.of(edges[i], counts[i], sums[i],
                        nan[i], min[i], max[i]));
            }
            for (int j = 0; j < categorical.size(); j++) {
                java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
                for (int c = 0; c < 256; c++) {
                    if (categories[j][c] > 0) {
                        map.put(Integer.toString(c), categories[j][c]);
                    }
                }
                p.restore(names.indexOf(categorical.get(j).name()), CategoricalHistogram.of(map, 0));
            }
            p.restoreTotals(new NumericHistogram(ReferenceProfiles.DEFAULT_SCORE_EDGES), rows);
            return p;
        }
    }
}
