package io.openfraud.model.network;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.translate.TranslateException;
import io.openfraud.model.artifact.InvalidArtifactException;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.artifact.ModelMetadata;
import io.openfraud.model.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ai.djl.util.Pair;

/**
 * A loaded model, ready to serve: the network on PyTorch behind a {@link PredictorPool}, with the artifact's
 * normalisation and calibration. Thread-safe. Scores are calibrated fraud probabilities in [0, 1]. Load once per
 * application and close on shutdown.
 *
 * <pre>{@code
 * ModelArtifact artifact = ModelArtifact.read(bytes, FeatureSet.VERSION, registrySha256);
 * try (FraudModel model = FraudModel.load(artifact, 4)) {
 *     double p = model.score(vector);                 // one row, features in artifact.metadata().featureNames() order
 *     double[] ps = model.score(vectors);             // a batch, one native call
 *     List<Attribution> why = Occlusion.topReasons(model, vector, 3);
 * }
 * }</pre>
 */
public final class FraudModel implements AutoCloseable {

    private final ModelArtifact artifact;
    private final ModelMetadata metadata;
    private final Model model;
    private final PredictorPool<float[][], float[]> pool;
    private final DenseForward javaForward;

    private FraudModel(ModelArtifact artifact, Model model, int poolSize) {
        this.artifact = artifact;
        this.metadata = artifact.metadata();
        this.model = model;
        this.pool = new PredictorPool<>(model, new LogitTranslator(), poolSize);
        this.javaForward = DenseForward.of(model.getBlock());
    }

    /**
     * Loads a verified artifact (see {@link ModelArtifact#read}) into PyTorch.
     *
     * @param poolSize predictors, one per thread that scores concurrently
     */
    public static FraudModel load(ModelArtifact artifact, int poolSize) {
        TorchRuntime.load(1, 1);
        ModelMetadata m = artifact.metadata();
        Model model = Model.newInstance(m.modelVersion(), Device.cpu(), TorchRuntime.ENGINE);
        try {
            SequentialBlock block = FraudNetwork.block(m.network());
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, m.network().inputs()));
            List<Shape> expected = shapes(block);
            block.loadParameters(model.getNDManager(),
                    new DataInputStream(new ByteArrayInputStream(artifact.params())));
            // DJL takes arrays of any shape here; a mismatch would only fail (or not) at the first request
            if (!expected.equals(shapes(block))) {
                throw new IllegalArgumentException("parameter shapes " + shapes(block) + " instead of " + expected);
            }
            return new FraudModel(artifact, model, poolSize);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InvalidArtifactException("parameters of model " + m.modelVersion()
                    + " do not fit its network " + m.network() + ": " + e.getMessage(), e);
        }
    }

    private static List<Shape> shapes(Block block) {
        List<Shape> shapes = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            shapes.add(p.getValue().getArray().getShape());
        }
        return shapes;
    }

    /** The artifact's metadata. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The artifact it was loaded from. */
    public ModelArtifact artifact() {
        return artifact;
    }

    /** Calibrated fraud probability of one row (raw features, in the artifact's feature order). */
    public double score(double[] features) {
        return score(new double[][] {features})[0];
    }

    /** Calibrated fraud probabilities of rows, in one native call. */
    public double[] score(double[][] rows) {
        double[] logits = logits(rows);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = metadata.calibration().probability(logits[i]);
        }
        return out;
    }

    /** The network's logits (before calibration). */
    public double[] logits(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        try {
            float[] raw = pool.predict(FraudNetwork.normalize(rows, metadata.normalization()));
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i];
            }
            return out;
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    /** The same score computed in plain Java from the same weights (cross-check and benchmark lower bound). */
    public double scoreInJava(double[] features) {
        return metadata.calibration().probability(
                javaForward.logit(FraudNetwork.normalize(features, metadata.normalization())));
    }

    /** The plain-Java forward pass. */
    public DenseForward javaForward() {
        return javaForward;
    }

    /** Native arrays held by the model and its predictors (flat across calls when nothing leaks). */
    public int nativeArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    @Override
    public void close() {
        pool.close();
        model.close();
    }
}
