package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTrainerTest {

    private static final int IN = 40;
    private static final int OUT = 5;

    /** {@code n} random samples: 40 inputs (a quarter of them exactly 0), 5 targets. */
    private static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] xs = new double[n][IN];
        double[][] ts = new double[n][OUT];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < IN; i++) {
                xs[k][i] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * 2 - 1;
            }
            for (int o = 0; o < OUT; o++) {
                ts[k][o] = rng.nextDouble();
            }
        }
        return new Dataset("random", IN, OUT, xs, ts);
    }

    private static TinyNet net(String layout, boolean doublePrecision) {
        TinyNet net = new TinyNet(IN, OUT, layout, doublePrecision, false, "glorot_uniform");
        Initializer.initialize(net, 17);
        net.setParameter("fc.bias", new double[] {0.1, -0.2, 0.3, -0.4, 0.5});
        return net;
    }

    /** Every parameter's raw bits, in parameter order. */
    private static long[] bits(Network net) {
        List<Long> all = new ArrayList<>();
        for (String name : net.parameterNames()) {
            for (double v : net.getParameter(name)) {
                all.add(Double.doubleToRawLongBits(v));
            }
        }
        long[] bits = new long[all.size()];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = all.get(k);
        }
        return bits;
    }

    private static long[] lossBits(List<EpochResult> history) {
        long[] bits = new long[history.size()];
        for (int e = 0; e < bits.length; e++) {
            bits[e] = Double.doubleToRawLongBits(history.get(e).meanLoss());
        }
        return bits;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 17, 50, 128, 300})
    void threadCountNeverChangesTheBits(int batch) {
        Dataset train = data(301, 3); // 301 leaves a short last batch for every batch size
        for (String layout : new String[] {"in_out", "out_in"}) {
            for (boolean doublePrecision : new boolean[] {false, true}) {
                long[] weights = null;
                long[] losses = null;
                for (int threads = 1; threads <= 4; threads++) {
                    TinyNet net = net(layout, doublePrecision);
                    List<EpochResult> history = Training.builder().epochs(3).batchSize(batch)
                            .learningRate(0.05).seed(9).threads(threads).build()
                            .run(net, train, null, null);
                    String what = layout + (doublePrecision ? " double" : " float")
                            + " batch " + batch + " threads " + threads;
                    if (weights == null) {
                        weights = bits(net);
                        losses = lossBits(history);
                        assertFalse(java.util.Arrays.equals(weights, bits(net(layout,
                                doublePrecision))), "trained: " + what);
                    } else {
                        assertArrayEquals(weights, bits(net), what);
                        assertArrayEquals(losses, lossBits(history), what);
                    }
                }
            }
        }
    }

    @Test
    void moreThreadsThanChunksAndEveryBatchSizeAgree() {
        Dataset data = data(200, 5);
        int[] order = new int[200];
        for (int k = 0; k < order.length; k++) {
            order[k] = (k * 37) % 200; // a permutation, not the identity
        }
        // The last two batches, 194 and 150 samples, take several waves of chunks.
        int[] sizes = {17, 31, 32, 33, 48, 64, 65, 100, 5, 1, 200, 150};
        long[] expected = null;
        long[] expectedLosses = null;
        for (int threads = 1; threads <= 6; threads++) {
            TinyNet net = net("in_out", false);
            long[] losses = new long[sizes.length];
            try (ParallelTrainer trainer = new ParallelTrainer(net, threads)) {
                assertSame(net, trainer.network());
                assertEquals(threads, trainer.threads());
                int from = 0;
                for (int b = 0; b < sizes.length; b++) {
                    int count = Math.min(sizes[b], order.length - from);
                    losses[b] = Double.doubleToRawLongBits(trainer.trainBatch(data.inputs(),
                            data.targets(), order, from, count, 0.1));
                    from = (from + count) % order.length;
                }
            }
            if (expected == null) {
                expected = bits(net);
                expectedLosses = losses;
            } else {
                assertArrayEquals(expected, bits(net), "threads " + threads);
                assertArrayEquals(expectedLosses, losses, "threads " + threads);
            }
        }
    }

    /**
     * The definition, computed independently: each chunk's gradient is summed from zero in the
     * network's precision, the chunk sums are added in chunk order, then one step.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aBatchStepsAlongTheSumOfItsChunkGradientsInChunkOrder(int threads) {
        Dataset data = data(50, 8);
        int[] order = new int[50];
        for (int k = 0; k < 50; k++) {
            order[k] = 49 - k;
        }
        double lr = 0.05;
        TinyNet probe = net("in_out", false);
        float[] w = toFloat(probe.getParameter("fc.weight"));
        float[] b = toFloat(probe.getParameter("fc.bias"));
        float[] gw = new float[w.length];
        float[] gb = new float[b.length];
        double expectedLoss = 0;
        for (int chunk = 0; chunk * 16 < 50; chunk++) {
            float[] cw = new float[w.length];
            float[] cb = new float[b.length];
            double chunkLoss = 0;
            for (int s = chunk * 16; s < Math.min(50, chunk * 16 + 16); s++) {
                int k = order[s];
                chunkLoss += probe.computeGradient(data.inputs()[k], data.targets()[k]);
                addInto(cw, toFloat(probe.getGradient("fc.weight")));
                addInto(cb, toFloat(probe.getGradient("fc.bias")));
            }
            addInto(gw, cw);
            addInto(gb, cb);
            expectedLoss = chunk == 0 ? chunkLoss : expectedLoss + chunkLoss;
        }
        double step = lr / 50;
        for (int j = 0; j < w.length; j++) {
            w[j] += (float) (-step * gw[j]);
        }
        for (int j = 0; j < b.length; j++) {
            b[j] += (float) (-step * gb[j]);
        }

        TinyNet net = net("in_out", false);
        double loss;
        try (ParallelTrainer trainer = new ParallelTrainer(net, threads)) {
            loss = trainer.trainBatch(data.inputs(), data.targets(), order, 0, 50, lr);
        }
        assertEquals(Double.doubleToRawLongBits(expectedLoss), Double.doubleToRawLongBits(loss));
        assertArrayEquals(bitsOf(w), bitsOf(toFloat(net.getParameter("fc.weight"))));
        assertArrayEquals(bitsOf(b), bitsOf(toFloat(net.getParameter("fc.bias"))));

        // Float rounding makes the chunked sum a different number from one pass over all 50.
        TinyNet plain = net("in_out", false);
        plain.trainBatch(data.inputs(), data.targets(), order, 0, 50, lr);
        assertFalse(java.util.Arrays.equals(bits(net), bits(plain)));
    }

    @Test
    void batchesOfAtMostOneChunkAreExactlyTrainBatch() {
        Dataset data = data(40, 2);
        int[] order = new int[40];
        for (int k = 0; k < 40; k++) {
            order[k] = k;
        }
        TinyNet net = net("out_in", false);
        TinyNet plain = net("out_in", false);
        try (ParallelTrainer trainer = new ParallelTrainer(net, 3)) {
            int from = 0;
            for (int count : new int[] {16, 1, 7, 16}) {
                double loss = trainer.trainBatch(data.inputs(), data.targets(), order, from,
                        count, 0.1);
                double plainLoss = plain.trainBatch(data.inputs(), data.targets(), order, from,
                        count, 0.1);
                assertEquals(Double.doubleToRawLongBits(plainLoss),
                        Double.doubleToRawLongBits(loss));
                assertArrayEquals(bits(plain), bits(net));
                from += count;
            }
        }
    }

    @Test
    void replicasSeeParametersChangedBetweenBatches() {
        Dataset data = data(64, 4);
        int[] order = new int[64];
        for (int k = 0; k < 64; k++) {
            order[k] = k;
        }
        double[] weight = new double[IN * OUT];
        for (int j = 0; j < weight.length; j++) {
            weight[j] = Math.sin(j) / 10;
        }
        double[] bias = {1, 2, 3, 4, 5};

        TinyNet net = net("in_out", false);
        TinyNet fresh = net("in_out", false);
        try (ParallelTrainer trainer = new ParallelTrainer(net, 3)) {
            trainer.trainBatch(data.inputs(), data.targets(), order, 0, 64, 0.1);
            net.setParameter("fc.weight", weight);
            net.setParameter("fc.bias", bias);
            net.computeGradient(data.inputs()[0], data.targets()[0]); // leaves a gradient held
            trainer.trainBatch(data.inputs(), data.targets(), order, 0, 64, 0.1);
        }
        fresh.setParameter("fc.weight", weight);
        fresh.setParameter("fc.bias", bias);
        try (ParallelTrainer trainer = new ParallelTrainer(fresh, 1)) {
            trainer.trainBatch(data.inputs(), data.targets(), order, 0, 64, 0.1);
        }
        assertArrayEquals(bits(fresh), bits(net));
    }

    /**
     * A TinyNet whose forward pass throws on inputs starting with {@link #POISON}. Its replicas
     * come from the default {@link GeneratedNetwork#newReplica}: its no-arg constructor.
     */
    private static final class PoisonedNet extends TinyNet {
        static final double POISON = 12345;

        PoisonedNet() {
            super(IN, OUT, "in_out", false, false, "glorot_uniform");
        }

        @Override
        protected void forward(double[] x) {
            if (x[0] == POISON) {
                throw new IllegalStateException("poisoned sample");
            }
            super.forward(x);
        }
    }

    // A hang guard, not a speed check: a deadlock must fail the test instead of stalling CI.
    @Timeout(60)
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aFailingChunkBecomesARuntimeExceptionAndLeavesTheParametersAlone(int threads) {
        Dataset clean = data(60, 6);
        double[][] xs = clean.inputs().clone();
        int[] order = new int[60];
        for (int k = 0; k < 60; k++) {
            order[k] = k;
        }
        xs[20] = xs[20].clone(); // chunk 1
        xs[20][0] = PoisonedNet.POISON;
        xs[45] = xs[45].clone(); // chunk 2
        xs[45][0] = PoisonedNet.POISON;

        PoisonedNet net = new PoisonedNet();
        Initializer.initialize(net, 3);
        PoisonedNet reference = new PoisonedNet();
        Initializer.initialize(reference, 3);
        long[] before = bits(net);
        try (ParallelTrainer trainer = new ParallelTrainer(net, threads)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> trainer
                    .trainBatch(xs, clean.targets(), order, 0, 60, 0.1));
            assertEquals("training failed in chunk 1 (samples 16..31 of the batch at"
                    + " order[0]): java.lang.IllegalStateException: poisoned sample",
                    e.getMessage());
            assertEquals("poisoned sample", e.getCause().getMessage());
            assertArrayEquals(before, bits(net));

            // The next batch starts clean: as if the failed one never happened.
            trainer.trainBatch(clean.inputs(), clean.targets(), order, 0, 60, 0.1);
        }
        try (ParallelTrainer trainer = new ParallelTrainer(reference, 1)) {
            trainer.trainBatch(clean.inputs(), clean.targets(), order, 0, 60, 0.1);
        }
        assertArrayEquals(bits(reference), bits(net));
    }

    /** A network class without a no-arg constructor, so no replicas. */
    private static final class Unreplicable extends TinyNet {
        Unreplicable(int in) {
            super(in, OUT, "in_out", false, false, "glorot_uniform");
        }
    }

    @Test
    void aNetworkWithoutReplicasFailsClearlyOnItsFirstChunkedBatch() {
        Unreplicable net = new Unreplicable(IN);
        Dataset data = data(40, 1);
        Training.builder().batchSize(16).epochs(1).build().run(net, data, null, null); // fine
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Training.builder().batchSize(17).epochs(1).threads(2).build()
                        .run(net, data, null, null));
        assertTrue(e.getMessage().startsWith("tiny: cannot create a replica for parallel training"
                + " through dev.chainrule.runtime.ParallelTrainerTest$Unreplicable():"),
                e.getMessage());
        assertEquals(0, workerThreads().size());
    }

    // A hang guard, not a speed check: a deadlock must fail the test instead of stalling CI.
    @Timeout(60)
    @Test
    void closeStopsTheWorkersWithoutDeadlock() {
        Dataset data = data(64, 1);
        int[] order = new int[64];
        for (int k = 0; k < 64; k++) {
            order[k] = k;
        }
        ParallelTrainer idle = new ParallelTrainer(net("in_out", false), 4);
        assertEquals(3, workerThreads().size());
        idle.close();
        idle.close();
        assertEquals(0, workerThreads().size());

        ParallelTrainer trainer = new ParallelTrainer(net("in_out", false), 4);
        for (int repeat = 0; repeat < 50; repeat++) {
            trainer.trainBatch(data.inputs(), data.targets(), order, 0, 64, 0.01);
        }
        for (Thread worker : workerThreads()) {
            assertTrue(worker.isDaemon(), worker.getName());
        }
        trainer.close();
        assertEquals(0, workerThreads().size());
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> trainer.trainBatch(data.inputs(), data.targets(), order, 0, 64, 0.01));
        assertEquals("this ParallelTrainer is closed", closed.getMessage());
    }

    @Test
    void trainingClosesItsWorkers() {
        Training.builder().epochs(2).batchSize(64).threads(4).build()
                .run(net("in_out", false), data(100, 1), null, null);
        assertEquals(0, workerThreads().size());
    }

    @Test
    void checksItsArgumentsBeforeChangingAnything() {
        TinyNet net = net("in_out", false);
        long[] before = bits(net);
        Dataset data = data(40, 1);
        double[][] xs = data.inputs().clone();
        xs[30] = new double[3];
        int[] order = new int[40];
        for (int k = 0; k < 40; k++) {
            order[k] = k;
        }
        assertEquals("threads must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> new ParallelTrainer(net, 0)).getMessage());
        try (ParallelTrainer trainer = new ParallelTrainer(net, 2)) {
            assertEquals("input row has 3 values, expected 40", assertThrows(
                    IllegalArgumentException.class,
                    () -> trainer.trainBatch(xs, data.targets(), order, 0, 40, 0.1))
                    .getMessage());
            assertEquals("a batch needs at least one sample, got 0", assertThrows(
                    IllegalArgumentException.class,
                    () -> trainer.trainBatch(xs, data.targets(), order, 0, 0, 0.1))
                    .getMessage());
        }
        assertArrayEquals(before, bits(net));
        assertEquals("threads must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> Training.builder().threads(0).build())
                .getMessage());
    }

    /** Live worker threads of every trainer over a {@code tiny} network. */
    private static List<Thread> workerThreads() {
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("tiny-trainer-") && thread.isAlive()) {
                found.add(thread);
            }
        }
        return found;
    }

    private static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            floats[j] = (float) values[j];
        }
        return floats;
    }

    private static void addInto(float[] sum, float[] values) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += values[j];
        }
    }

    private static int[] bitsOf(float[] values) {
        int[] bits = new int[values.length];
        for (int j = 0; j < values.length; j++) {
            bits[j] = Float.floatToRawIntBits(values[j]);
        }
        return bits;
    }
}
