package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingTest {

    /** {@code n} samples of the plane {@code t = 2a - 3b + 1}. */
    private static Dataset plane(int n) {
        double[][] xs = new double[n][];
        double[][] ts = new double[n][];
        SplittableRandom rng = new SplittableRandom(99);
        for (int k = 0; k < n; k++) {
            double a = rng.nextDouble() * 2 - 1;
            double b = rng.nextDouble() * 2 - 1;
            xs[k] = new double[] {a, b};
            ts[k] = new double[] {2 * a - 3 * b + 1};
        }
        return new Dataset("plane", 2, 1, xs, ts);
    }

    private static TinyNet initialized(long seed) {
        TinyNet net = new TinyNet();
        Initializer.initialize(net, seed);
        return net;
    }

    @Test
    void sameSeedTrainsToTheSameWeightsBitForBit() {
        Dataset data = plane(50);
        Training training = Training.builder().epochs(3).batchSize(1).learningRate(0.05).seed(7)
                .shuffle(true).build();
        TinyNet a = initialized(1);
        TinyNet b = initialized(1);
        training.run(a, data, null, null);
        training.run(b, data, null, null);
        assertArrayEquals(a.getParameter("fc.weight"), b.getParameter("fc.weight"));
        assertArrayEquals(a.getParameter("fc.bias"), b.getParameter("fc.bias"));

        TinyNet c = initialized(1);
        Training.builder().epochs(3).batchSize(1).learningRate(0.05).seed(8).shuffle(true).build()
                .run(c, data, null, null);
        assertFalse(Arrays.equals(a.getParameter("fc.weight"), c.getParameter("fc.weight")));
    }

    @Test
    void reshufflesEveryEpochFromTheDocumentedStream() {
        RecordingNetwork net = new RecordingNetwork(initialized(1));
        Training.builder().epochs(3).batchSize(4).seed(5).shuffle(true).build()
                .run(net, plane(10), null, null);

        // The documented contract, written out independently of Training.
        SplittableRandom rng = new SplittableRandom(5 ^ 0x5DEECE66DL);
        int[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        List<int[]> epochOrders = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = expected.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int swap = expected[i];
                expected[i] = expected[j];
                expected[j] = swap;
            }
            epochOrders.add(expected.clone());
            assertArrayEquals(expected, trainedOrder(net, epoch, 3), "epoch " + (epoch + 1));
        }
        assertFalse(Arrays.equals(epochOrders.get(0), epochOrders.get(1)));
    }

    @Test
    void lastBatchTakesWhatIsLeftAndNoShuffleKeepsTheOrder() {
        RecordingNetwork net = new RecordingNetwork(initialized(1));
        Training.builder().epochs(2).batchSize(4).shuffle(false).build()
                .run(net, plane(10), null, null);
        assertEquals(6, net.batches.size());
        int[] froms = new int[6];
        int[] sizes = new int[6];
        for (int b = 0; b < 6; b++) {
            froms[b] = net.batches.get(b).from;
            sizes[b] = net.batches.get(b).samples.length;
        }
        assertArrayEquals(new int[] {0, 4, 8, 0, 4, 8}, froms);
        assertArrayEquals(new int[] {4, 4, 2, 4, 4, 2}, sizes);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, trainedOrder(net, 1, 3));
    }

    @Test
    void tellsTheListenerAboutProgressAndEveryEpoch() {
        RecordingNetwork net = new RecordingNetwork(initialized(1));
        List<EpochResult> heard = new ArrayList<>();
        List<int[]> progress = new ArrayList<>();
        EpochListener listener = new EpochListener() {
            @Override
            public void epochFinished(EpochResult result) {
                heard.add(result);
            }

            @Override
            public void progress(int epoch, int samplesDone, int samples) {
                progress.add(new int[] {epoch, samplesDone, samples});
            }
        };
        List<EpochResult> history = Training.builder().epochs(2).batchSize(100).build()
                .run(net, plane(1050), null, listener);

        assertEquals(history, heard);
        assertEquals(1, heard.get(0).epoch());
        assertEquals(2, heard.get(1).epoch());
        assertEquals(2, heard.get(1).epochs());
        // 11 batches per epoch, each a new whole percentage; the last one reports the end.
        assertEquals(22, progress.size());
        assertArrayEquals(new int[] {1, 100, 1050}, progress.get(0));
        assertArrayEquals(new int[] {1, 1050, 1050}, progress.get(10));
        assertArrayEquals(new int[] {2, 1050, 1050}, progress.get(21));

        double lossSum = 0;
        for (int b = 0; b < 11; b++) {
            lossSum += net.batches.get(b).lossSum;
        }
        assertEquals(lossSum / 1050, heard.get(0).meanLoss());
        assertTrue(heard.get(1).meanLoss() < heard.get(0).meanLoss());
        assertTrue(heard.get(0).samplesPerSecond() > 0);
        assertTrue(heard.get(0).elapsedNanos() > 0);
        assertTrue(Double.isNaN(heard.get(0).trainAccuracy())); // not a classifier
        assertTrue(Double.isNaN(heard.get(0).testAccuracy()));
        assertTrue(Double.isNaN(heard.get(0).testLoss()));
    }

    @Test
    void progressIsReportedAtMostOncePerPercent() {
        List<Integer> done = new ArrayList<>();
        EpochListener listener = new EpochListener() {
            @Override
            public void epochFinished(EpochResult result) {
            }

            @Override
            public void progress(int epoch, int samplesDone, int samples) {
                done.add(samplesDone);
            }
        };
        Training.builder().epochs(1).batchSize(1).build().run(initialized(1), plane(1000), null,
                listener);
        assertEquals(100, done.size());
        assertEquals(10, (int) done.get(0));
        assertEquals(1000, (int) done.get(99));
    }

    @Test
    void learnsAPlane() {
        TinyNet net = initialized(3);
        Dataset data = plane(200);
        List<EpochResult> history = Training.builder().epochs(100).batchSize(8).learningRate(0.1)
                .build().run(net, data, data, null);
        assertArrayEquals(new double[] {2, -3}, net.getParameter("fc.weight"), 1e-6);
        assertArrayEquals(new double[] {1}, net.getParameter("fc.bias"), 1e-6);
        EpochResult last = history.get(99);
        assertEquals(Evaluation.meanLoss(net, data), last.testLoss());
        assertTrue(last.testLoss() < 1e-12, "test loss " + last.testLoss());
    }

    @Test
    void measuresAccuracyWithTheWeightsAfterTheEpoch() {
        // Two classes: class 1 when a > b. Targets are one-hot; the classifier flag turns
        // accuracy on.
        SplittableRandom rng = new SplittableRandom(4);
        double[][] xs = new double[100][];
        double[][] ts = new double[100][];
        for (int k = 0; k < 100; k++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            xs[k] = new double[] {a, b};
            ts[k] = a > b ? new double[] {0, 1} : new double[] {1, 0};
        }
        Dataset train = new Dataset("train", 2, 2, Arrays.copyOf(xs, 80), Arrays.copyOf(ts, 80));
        Dataset test = new Dataset("test", 2, 2, Arrays.copyOfRange(xs, 80, 100),
                Arrays.copyOfRange(ts, 80, 100));
        TinyNet net = new TinyNet(2, 2, "in_out", true, true, "glorot_uniform");
        Initializer.initialize(net, 11);

        EpochResult result = Training.builder().epochs(1).batchSize(5).learningRate(0.5).build()
                .run(net, train, test, null).get(0);

        assertEquals(Evaluation.accuracy(net, train), result.trainAccuracy());
        assertEquals(Evaluation.accuracy(net, test), result.testAccuracy());
        assertEquals(Evaluation.meanLoss(net, test), result.testLoss());
        assertTrue(result.trainAccuracy() > 0.5, "accuracy " + result.trainAccuracy());
    }

    @Test
    void rejectsBadSettingsAndData() {
        assertEquals("epochs must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> Training.builder().epochs(0).build())
                .getMessage());
        assertEquals("batch size must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> Training.builder().batchSize(0).build())
                .getMessage());
        assertEquals("learning rate must be positive and finite, got NaN", assertThrows(
                IllegalArgumentException.class,
                () -> Training.builder().learningRate(Double.NaN).build()).getMessage());
        Training training = Training.builder().build();
        assertEquals("empty has no rows to train on", assertThrows(
                IllegalArgumentException.class, () -> training.run(new TinyNet(),
                        new Dataset("empty", 2, 1, new double[0][], new double[0][]), null, null))
                .getMessage());
        Dataset wide = new Dataset("wide", 3, 1, new double[][] {{1, 2, 3}},
                new double[][] {{1}});
        assertThrows(IllegalArgumentException.class,
                () -> training.run(new TinyNet(), plane(3), wide, null));
    }

    @Test
    void describesItself() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Training.defaultThreads());
        // The defaults of a description without a training section (TrainingSpecTest checks
        // that the compiler takes its defaults from here).
        assertEquals("epochs=1 batchSize=1 learningRate=0.01 shuffle=false seed=42 threads="
                + Training.defaultThreads(), Training.builder().build().toString());
        assertEquals(Training.defaultThreads(), new Training(1, 1, 0.1, false, 0).threads());
        assertEquals("epochs=1 batchSize=1 learningRate=0.01 shuffle=false seed=42 threads=3",
                Training.builder().threads(3).build().toString());
        EpochResult result = new EpochResult(3, 10, 0.1234567, 0.952, 0.2, 0.941, 81234.4, 5);
        assertEquals("epoch 3/10 loss 0.123457 train 95.20% test 94.10% 81234 samples/s",
                result.toString());
    }

    /** The sample order of epoch {@code epoch} (from 0) as trained, over its batches. */
    private static int[] trainedOrder(RecordingNetwork net, int epoch, int batchesPerEpoch) {
        int[] order = new int[0];
        for (int b = epoch * batchesPerEpoch; b < (epoch + 1) * batchesPerEpoch; b++) {
            int[] samples = net.batches.get(b).samples;
            int[] longer = Arrays.copyOf(order, order.length + samples.length);
            System.arraycopy(samples, 0, longer, order.length, samples.length);
            order = longer;
        }
        return order;
    }
}
