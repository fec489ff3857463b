package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A parameter that turns infinite is reported at the batch whose step did it, also when every
 * loss stays finite (it used to surface only at the end of the epoch, blamed on its last batch).
 */
@Tag("reliability")
class DivergenceWatchTest {

    /**
     * Trains a real network, but the step on one sample also sets a weight to +infinity, and the
     * losses it reports stay finite: only the parameters show it.
     */
    private static final class Breaking implements Network {
        final Network inner;
        final int brokenSample;

        Breaking(Network inner, int brokenSample) {
            this.inner = inner;
            this.brokenSample = brokenSample;
        }

        @Override
        public double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                                 double learningRate) {
            double loss = inner.trainBatch(xs, ts, order, from, count, learningRate);
            for (int s = from; s < from + count; s++) {
                if (order[s] == brokenSample) {
                    double[] w = inner.getParameter("fc.weight");
                    w[1] = Double.POSITIVE_INFINITY;
                    inner.setParameter("fc.weight", w);
                }
            }
            return Double.isNaN(loss) || Double.isInfinite(loss) ? 1.0 : loss;
        }

        @Override public String name() { return inner.name(); }
        @Override public int inputSize() { return inner.inputSize(); }
        @Override public int outputSize() { return inner.outputSize(); }
        @Override public boolean doublePrecision() { return inner.doublePrecision(); }
        @Override public boolean classifier() { return inner.classifier(); }
        @Override public String[] parameterNames() { return inner.parameterNames(); }
        @Override public int[] parameterShape(String name) { return inner.parameterShape(name); }
        @Override public String initializer(String name) { return inner.initializer(name); }
        @Override public double[] getParameter(String name) { return inner.getParameter(name); }
        @Override public void setParameter(String name, double[] v) { inner.setParameter(name, v); }
        @Override public double[] getGradient(String name) { return inner.getGradient(name); }
        @Override public void predict(double[] x, double[] y) { inner.predict(x, y); }
        @Override public double loss(double[] x, double[] t) { return inner.loss(x, t); }

        @Override
        public double computeGradient(double[] x, double[] t) {
            return inner.computeGradient(x, t);
        }
    }

    @Test
    void theStepThatBrokeAParameterIsNamedThoughEveryLossWasFinite() {
        // 30 rows in file order, batch 1: sample 17 is batch 18
        DivergenceException e = assertThrows(DivergenceException.class, () -> Training.builder()
                .epochs(1).batchSize(1).learningRate(0.01).shuffle(false).build()
                .run(new Breaking(OptimizerTest.net("out_in"), 17), OptimizerTest.data(30, 7),
                        null, null));
        assertEquals("training diverged in epoch 1, batch 18: its step left parameter fc.weight"
                + " NaN or infinite (the batch's loss was finite); try a smaller learning rate"
                + " (this one was 0.01)", e.getMessage());
        assertEquals(18, e.batch());
    }

    @Test
    void aBreakFoundAtAPeriodicCopyIsReplayedToItsBatch() {
        // 40,000 rows: copies after batches 16,384 and 32,768; the break at sample 20,000 is
        // found at the second copy and replayed from the first
        int rows = 40_000;
        Dataset small = OptimizerTest.data(rows, 7);
        DivergenceException e = assertThrows(DivergenceException.class, () -> Training.builder()
                .epochs(1).batchSize(1).learningRate(0.01).shuffle(false).build()
                .run(new Breaking(OptimizerTest.net("out_in"), 20_000), small, null, null));
        assertEquals(20_001, e.batch());
    }

    @Test
    void minibatchesAreReplayedToo() {
        DivergenceException e = assertThrows(DivergenceException.class, () -> Training.builder()
                .epochs(1).batchSize(4).learningRate(0.01).shuffle(false).threads(1).build()
                .run(new Breaking(OptimizerTest.net("out_in"), 17), OptimizerTest.data(30, 7),
                        null, null));
        assertEquals(5, e.batch()); // rows 16-19 are batch 5
    }
}
