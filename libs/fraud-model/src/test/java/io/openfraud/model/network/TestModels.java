package io.openfraud.model.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.artifact.ModelMetadata;
import io.openfraud.model.artifact.ModelMetadata.Calibration;
import io.openfraud.model.artifact.ModelMetadata.Network;
import io.openfraud.model.artifact.ModelMetadata.Normalization;
import io.openfraud.model.artifact.ModelMetadata.Thresholds;
import io.openfraud.model.runtime.TorchRuntime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Untrained but non-trivial models for tests: random weights, BatchNorm statistics moved by a few batches. */
public final class TestModels {

    private TestModels() {
    }

    public static ModelArtifact randomArtifact(int inputs, List<Integer> hidden, long seed) throws IOException {
        TorchRuntime.load(1, 1);
        Engine.getEngine(TorchRuntime.ENGINE).setRandomSeed((int) seed);
        Network spec = new Network(inputs, hidden, 0.1);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] params;
        try (NDManager manager = NDManager.newBaseManager(TorchRuntime.ENGINE)) {
            SequentialBlock block = FraudNetwork.block(spec);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
            ParameterStore store = new ParameterStore(manager, false);
            for (int step = 0; step < 5; step++) {
                float[][] batch = new float[32][inputs];
                for (float[] row : batch) {
                    for (int i = 0; i < inputs; i++) {
                        row[i] = (float) (random.nextGaussian() * 2 + 0.5);
                    }
                }
                try (NDManager sub = manager.newSubManager()) {
                    block.forward(store, new NDList(sub.create(batch)), true);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(out));
            params = out.toByteArray();
        }
        List<String> names = new ArrayList<>();
        double[] mean = new double[inputs];
        double[] scale = new double[inputs];
        double[] medians = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            names.add("f" + i);
            mean[i] = random.nextDouble();
            scale[i] = 0.5 + random.nextDouble();
            medians[i] = mean[i];
        }
        ModelMetadata m = new ModelMetadata(ModelArtifact.FORMAT, "test-" + seed, "features-test", names, spec,
                new Normalization(mean, scale), medians, new Calibration("platt", 0.8, -1.0),
                new Thresholds(0.5, 0.8, "test"), Map.of(), Map.of(), null);
        return ModelArtifact.of(m, params);
    }

    public static double[][] rows(int n, int inputs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][inputs];
        for (double[] row : rows) {
            for (int i = 0; i < inputs; i++) {
                row[i] = random.nextGaussian() * 3;
            }
        }
        return rows;
    }
}
