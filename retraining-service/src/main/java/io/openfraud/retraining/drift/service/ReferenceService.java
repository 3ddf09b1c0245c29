package io.openfraud.retraining.drift.service;

import io.openfraud.features.FeatureSet;
import io.openfraud.retraining.drift.config.DriftConfig;
import io.openfraud.retraining.drift.core.ReferenceProfile;
import io.openfraud.retraining.drift.core.ReferenceProfiles;
import io.openfraud.retraining.drift.persistence.DriftStore;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reference profiles: the API the training pipeline calls with the matrix it trained on
 * ({@link #activateTrainingSet}), and a way to set one from an existing training-set CSV ({@link #activateCsv}).
 * Features of type BINARY or CODE in the feature set are categorical, the rest numeric.
 */
@ApplicationScoped
public class ReferenceService {

    private final DriftStore store;
    private final DriftConfig config;
    private final DriftAccumulator accumulator;

    ReferenceService(DriftStore store, DriftConfig config, DriftAccumulator accumulator) {
        this.store = store;
        this.config = config;
        this.accumulator = accumulator;
    }

    /** Names of the categorical features of the current feature set. */
    public static Set<String> categoricalFeatures() {
        return FeatureSet.features().stream().filter(f -> f.type() != FeatureSet.Type.NUMERIC)
                .map(FeatureSet.Feature::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Builds the reference of a training set and makes it the active one; production counts start over against its
     * bins.
     *
     * @param rows         feature matrix, row-major, columns in {@code names} order
     * @param names        column names (the feature set's names, in vector order)
     * @param scores       the new model's scores on those rows (or its test slice), or null
     * @param modelVersion the model version trained on it, or null
     * @param source       provenance (for example {@code training-run 42})
     * @return the stored reference's id
     */
    public long activateTrainingSet(double[][] rows, List<String> names, double[] scores, String modelVersion,
            String source) {
        if (!names.equals(FeatureSet.names())) {
            throw new IllegalArgumentException("a reference covers the feature set " + FeatureSet.VERSION
                    + " in vector order");
        }
        ReferenceProfile profile = ReferenceProfiles.build(rows, names, categoricalFeatures(), config.bins(), scores,
                FeatureSet.VERSION, modelVersion, source);
        long id = store.activate(profile);
        accumulator.flush();
        return id;
    }

    /**
     * Reads a training set in the offline builder's CSV form ({@code transaction_id,timestamp,label,<features>}, as
     * {@code io.openfraud.features.offline.TrainingSetCsv} writes it) and activates its reference.
     */
    public Activated activateCsv(InputStream csv, String modelVersion) {
        List<double[]> rows = new ArrayList<>();
        List<String> names;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new ProblemException(400, "The training set is empty.");
            }
            String[] columns = header.split(",", -1);
            if (columns.length < 4 || !columns[0].equals("transaction_id") || !columns[1].equals("timestamp")
                    || !columns[2].equals("label")) {
                throw new ProblemException(400, "The header must start with transaction_id,timestamp,label.");
            }
            names = List.of(columns).subList(3, columns.length);
            if (!names.equals(FeatureSet.names())) {
                throw new ProblemException(400, "The feature columns must be those of " + FeatureSet.VERSION
                        + ", in vector order.");
            }
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                rows.add(parse(line, names.size(), lineNumber));
            }
        } catch (IOException e) {
            throw new ProblemException(400, "The training set could not be read.");
        }
        if (rows.isEmpty()) {
            throw new ProblemException(400, "The training set has no rows.");
        }
        long id = activateTrainingSet(rows.toArray(double[][]::new), names, null, modelVersion, "csv upload");
        return new Activated(id, rows.size(), names.size(), FeatureSet.VERSION);
    }

    private static double[] parse(String line, int width, int lineNumber) {
        // the transaction id may be quoted (and contain commas): the features are the last {@code width} fields
        String[] fields = line.split(",", -1);
        if (fields.length < width + 3) {
            throw new ProblemException(400, "Line " + lineNumber + " has too few columns.");
        }
        double[] values = new double[width];
        int offset = fields.length - width;
        for (int i = 0; i < width; i++) {
            try {
                values[i] = Double.parseDouble(fields[offset + i]);
            } catch (NumberFormatException e) {
                throw new ProblemException(400, "Line " + lineNumber + ", column " + (offset + i + 1)
                        + " is not a number.");
            }
            if (!Double.isFinite(values[i])) {
                throw new ProblemException(400, "Line " + lineNumber + ", column " + (offset + i + 1)
                        + " is not finite.");
            }
        }
        return values;
    }

    /**
     * An activated reference.
     *
     * @param referenceId       its id
     * @param rows              rows it was built from
     * @param features          features it covers
     * @param featureSetVersion their feature set
     */
    public record Activated(long referenceId, long rows, int features, String featureSetVersion) {
    }
}
