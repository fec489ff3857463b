package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation split, early stopping, checkpoints and divergence in {@link Training}. */
class TrainingFeaturesTest {

    @TempDir
    Path dir;

    private static double[][] weights(Network net) {
        return new double[][] {net.getParameter("fc.weight"), net.getParameter("fc.bias")};
    }

    @Test
    void validationRowsAreTheLastOnesAndNeverTrainedOn() {
        Dataset data = OptimizerTest.data(10, 5);
        List<EpochResult> results = new ArrayList<>();
        TinyNet net = OptimizerTest.net("out_in");
        Training.builder().epochs(2).batchSize(3).learningRate(0.05).validationSplit(0.25)
                .build().run(net, data, null, results::add);
        // floor(0.25 · 10) = 2 rows held out: rows 8 and 9.
        Dataset last = new Dataset("last", 3, 2, Arrays.copyOfRange(data.inputs(), 8, 10),
                Arrays.copyOfRange(data.targets(), 8, 10));
        assertEquals(Evaluation.meanLoss(net, last), results.get(1).validationLoss());
        // Training on the first 8 rows alone gives the same weights.
        TinyNet alone = OptimizerTest.net("out_in");
        Dataset first = new Dataset("first", 3, 2, Arrays.copyOfRange(data.inputs(), 0, 8),
                Arrays.copyOfRange(data.targets(), 0, 8));
        Training.builder().epochs(2).batchSize(3).learningRate(0.05).build()
                .run(alone, first, null, null);
        assertArrayEquals(weights(alone)[0], weights(net)[0]);
        // A tiny split still holds out one row.
        Training.builder().epochs(1).validationSplit(0.01).build()
                .run(OptimizerTest.net("out_in"), data, null, results::add);
        assertFalse(Double.isNaN(results.get(2).validationLoss()));
        assertThrows(IllegalArgumentException.class, () -> Training.builder()
                .validationSplit(0.5).build().run(OptimizerTest.net("out_in"),
                        OptimizerTest.data(1, 1), null, null));
    }

    @Test
    void earlyStoppingFollowsKeras() {
        TinyNet net = OptimizerTest.net("out_in");
        EarlyStopper stopper = new EarlyStopper(EarlyStopping.patience(2).withMinDelta(0.05));
        assertFalse(stopper.epochEnded(1, 1.0, net));   // first epoch: always the best
        net.setParameter("fc.bias", new double[] {7, 7});
        assertFalse(stopper.epochEnded(2, 0.9, net));   // 0.9 < 1.0 − 0.05: best
        net.setParameter("fc.bias", new double[] {8, 8});
        assertFalse(stopper.epochEnded(3, 0.86, net));  // not < 0.85: wait 1
        assertTrue(stopper.epochEnded(4, 0.2 + 0.7, net)); // wait 2 = patience: stop
        assertEquals(2, stopper.bestEpoch);
        assertEquals(0.9, stopper.best);
        stopper.restore(net);
        assertArrayEquals(new double[] {7, 7}, net.getParameter("fc.bias"));
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestEpoch() {
        // The validation rows contradict the training rows, so the validation loss only gets
        // worse after the first epoch: stop after 1 + patience epochs, with epoch 1's weights.
        Dataset train = OptimizerTest.data(12, 6);
        double[][] ts = new double[16][];
        double[][] xs = new double[16][];
        for (int k = 0; k < 16; k++) {
            xs[k] = train.inputs()[k % 12];
            ts[k] = k < 12 ? train.targets()[k]
                    : new double[] {-10 * train.targets()[k % 12][0], 5};
        }
        Dataset data = new Dataset("data", 3, 2, xs, ts);
        List<EpochResult> results = new ArrayList<>();
        TinyNet net = OptimizerTest.net("out_in");
        Training.builder().epochs(20).batchSize(4).learningRate(0.1).shuffle(false)
                .validationSplit(0.25).earlyStopping(EarlyStopping.patience(2)).build()
                .run(net, data, null, results::add);
        int best = 1;
        for (int e = 1; e < results.size(); e++) {
            if (results.get(e).validationLoss() < results.get(best - 1).validationLoss()) {
                best = e + 1;
            }
        }
        assertEquals(best + 2, results.size());
        TinyNet reference = OptimizerTest.net("out_in");
        Training.builder().epochs(best).batchSize(4).learningRate(0.1).shuffle(false)
                .validationSplit(0.25).build().run(reference, data, null, null);
        assertArrayEquals(weights(reference)[0], weights(net)[0]);
        assertArrayEquals(weights(reference)[1], weights(net)[1]);
    }

    private static Training.Builder everything() {
        return Training.builder().batchSize(20).learningRate(0.05).seed(11).shuffle(true)
                .threads(2)
                .optimizer(Optimizer.adam().withAmsgrad(true)).schedule(Schedule.cosine(3, 0))
                .gradientClip(1.0).validationSplit(0.2)
                .earlyStopping(EarlyStopping.patience(50).withRestoreBest(true));
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedWeightsBitForBit() throws IOException {
        Dataset data = OptimizerTest.data(90, 7);
        TinyNet straight = OptimizerTest.net("in_out");
        List<EpochResult> all = everything().epochs(6).build().run(straight, data, null, null);

        File checkpoint = dir.resolve("run.ckpt.json").toFile();
        TinyNet first = OptimizerTest.net("in_out");
        everything().epochs(2).checkpoint(checkpoint).build().run(first, data, null, null);
        String text = new String(Files.readAllBytes(checkpoint.toPath()), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"epochs_done\": 2"), text);
        assertFalse(new File(checkpoint.getPath() + ".tmp").exists());

        TinyNet resumed = new TinyNet(3, 2, "in_out", true, false, "glorot_uniform"); // any start
        List<EpochResult> history = everything().epochs(6).threads(1).resumeFrom(checkpoint)
                .checkpoint(checkpoint).build().run(resumed, data, null, null);
        assertArrayEquals(weights(straight)[0], weights(resumed)[0]);
        assertArrayEquals(weights(straight)[1], weights(resumed)[1]);
        assertEquals(6, history.size());
        assertEquals(all.get(5).meanLoss(), history.get(5).meanLoss());
        assertEquals(all.get(1).validationLoss(), history.get(1).validationLoss());
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        Dataset data = OptimizerTest.data(30, 7);
        File checkpoint = dir.resolve("c.json").toFile();
        everything().epochs(1).checkpoint(checkpoint).build()
                .run(OptimizerTest.net("out_in"), data, null, null);
        DataException e = assertThrows(DataException.class, () -> everything().epochs(2)
                .learningRate(0.5).resumeFrom(checkpoint).build()
                .run(OptimizerTest.net("out_in"), data, null, null));
        assertTrue(e.getMessage().endsWith("c.json:4:15: settings: this checkpoint was written"
                + " for another"
                + " run: training settings differ (checkpoint: batchSize=20 learningRate=0.05"
                + e.getMessage().split("learningRate=0.05", 2)[1]), e.getMessage());
        assertTrue(e.getMessage().contains("; this run: batchSize=20 learningRate=0.5 "));
        assertThrows(DataException.class, () -> everything().epochs(2).resumeFrom(checkpoint)
                .build().run(OptimizerTest.net("out_in"), OptimizerTest.data(31, 7), null,
                        null));
    }

    @Test
    void divergenceNamesEpochAndBatch() {
        Dataset data = OptimizerTest.data(20, 8);
        DivergenceException e = assertThrows(DivergenceException.class, () ->
                Training.builder().epochs(50).batchSize(5).learningRate(1e200).build()
                        .run(OptimizerTest.net("out_in"), data, null, null));
        assertTrue(e.getMessage().matches("training diverged in epoch \\d+, batch \\d+: .*;"
                + " try a smaller learning rate \\(this one was 1e\\+200\\)"), e.getMessage());
        assertTrue(e.batch() >= 1 && e.batch() <= 4);
        assertEquals(1, e.epoch());
    }

    @Test
    void runtimeOptimizersNeedAGeneratedNetwork() {
        Network plain = new RecordingNetwork(OptimizerTest.net("out_in"));
        assertThrows(IllegalArgumentException.class, () -> Training.builder()
                .optimizer(Optimizer.adam()).build()
                .run(plain, OptimizerTest.data(5, 1), null, null));
    }
}
