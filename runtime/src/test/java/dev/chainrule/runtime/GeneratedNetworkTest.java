package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GeneratedNetworkTest {

    @ParameterizedTest
    @ValueSource(strings = {"out_in", "in_out"})
    void parametersRoundTripRowMajorInEitherLayout(String layout) {
        TinyNet net = new TinyNet(3, 2, layout, true, false, "he_uniform");
        double[] w = {1, 2, 3, 4, 5, 6}; // [[1,2,3],[4,5,6]]
        net.setParameter("fc.weight", w);
        net.setParameter("fc.bias", new double[] {0.5, -0.5});

        assertArrayEquals(w, net.getParameter("fc.weight"));
        assertArrayEquals(new double[] {0.5, -0.5}, net.getParameter("fc.bias"));
        // The row-major reading is what the math uses: y[1] = 4*1 + 5*0 + 6*2 - 0.5.
        double[] y = new double[2];
        net.predict(new double[] {1, 0, 2}, y);
        assertArrayEquals(new double[] {1 + 6 + 0.5, 4 + 12 - 0.5}, y);
    }

    @Test
    void describesItsParameters() {
        TinyNet net = new TinyNet(3, 2, "in_out", false, true, "he_uniform");
        assertArrayEquals(new String[] {"fc.weight", "fc.bias"}, net.parameterNames());
        assertArrayEquals(new int[] {2, 3}, net.parameterShape("fc.weight"));
        assertArrayEquals(new int[] {2}, net.parameterShape("fc.bias"));
        assertEquals("he_uniform", net.initializer("fc.weight"));
        assertEquals("zeros", net.initializer("fc.bias"));
        assertEquals(false, net.doublePrecision());
        assertEquals(true, net.classifier());
    }

    @Test
    void floatNetworkRoundsParametersToFloat() {
        TinyNet net = new TinyNet(2, 1, "out_in", false, false, "zeros");
        net.setParameter("fc.weight", new double[] {0.1, 1.0 / 3});
        assertArrayEquals(new double[] {0.1f, 1.0f / 3}, net.getParameter("fc.weight"));
    }

    @Test
    void rejectsUnknownNamesAndWrongLengths() {
        TinyNet net = new TinyNet();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> net.getParameter("fc.wieght"));
        assertEquals("no parameter 'fc.wieght' in tiny", unknown.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> net.setParameter("fc.weight", new double[3]));
        assertEquals("fc.weight has 2 values, got 3", length.getMessage());
    }

    @Test
    void checksRowWidths() {
        TinyNet net = new TinyNet();
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> net.predict(new double[3], new double[1]));
        assertEquals("input row has 3 values, expected 2", input.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> net.loss(new double[2], new double[2]));
        assertEquals("target row has 2 values, expected 1", target.getMessage());
        IllegalArgumentException batchRow = assertThrows(IllegalArgumentException.class,
                () -> net.trainBatch(new double[][] {{1, 2}, {1}}, new double[][] {{1}, {1}},
                        new int[] {0, 1}, 0, 2, 0.1));
        assertEquals("input row has 1 values, expected 2", batchRow.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> net.trainBatch(new double[][] {{1, 2}}, new double[][] {{1}},
                        new int[] {0}, 0, 0, 0.1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"out_in", "in_out"})
    void trainBatchStepsAlongTheMeanGradient(String layout) {
        TinyNet net = new TinyNet(2, 1, layout, true, false, "zeros");
        double[] w0 = {0.5, -1.0};
        double[] b0 = {0.25};
        net.setParameter("fc.weight", w0);
        net.setParameter("fc.bias", b0);
        double[][] xs = {{9, 9}, {1, 2}, {3, -1}};
        double[][] ts = {{9}, {1}, {0}};

        // Reference: per-sample gradients at the starting point, averaged by hand.
        double[] g1 = gradient(net, xs[1], ts[1]);
        double[] g2 = gradient(net, xs[2], ts[2]);
        double loss1 = net.loss(xs[1], ts[1]);
        double loss2 = net.loss(xs[2], ts[2]);

        double lr = 0.1;
        // Samples order[1] and order[2]: rows 2 and 1; row 0 must be left out.
        double lossSum = net.trainBatch(xs, ts, new int[] {0, 2, 1}, 1, 2, lr);

        assertEquals(loss1 + loss2, lossSum, 1e-15);
        double[] w = net.getParameter("fc.weight");
        double[] b = net.getParameter("fc.bias");
        assertEquals(w0[0] - lr * (g1[0] + g2[0]) / 2, w[0], 1e-15);
        assertEquals(w0[1] - lr * (g1[1] + g2[1]) / 2, w[1], 1e-15);
        assertEquals(b0[0] - lr * (g1[2] + g2[2]) / 2, b[0], 1e-15);
    }

    @Test
    void aBatchWithABadRowChangesNothingAndLeavesNoStaleGradient() {
        double[][] xs = {{1, 2}, {3}};
        double[][] ts = {{1}, {0}};
        TinyNet net = new TinyNet();
        TinyNet fresh = new TinyNet();
        assertThrows(IllegalArgumentException.class,
                () -> net.trainBatch(xs, ts, new int[] {0, 1}, 0, 2, 0.1));
        assertArrayEquals(new double[2], net.getParameter("fc.weight"));

        net.trainBatch(xs, ts, new int[] {0}, 0, 1, 0.1);
        fresh.trainBatch(xs, ts, new int[] {0}, 0, 1, 0.1);
        assertArrayEquals(fresh.getParameter("fc.weight"), net.getParameter("fc.weight"));
        assertArrayEquals(new double[] {0.1, 0.2}, net.getParameter("fc.weight"), 1e-15);
    }

    @Test
    void computeGradientMatchesTheAnalyticGradientAndLeavesParametersAlone() {
        TinyNet net = new TinyNet();
        net.setParameter("fc.weight", new double[] {2, 3});
        net.setParameter("fc.bias", new double[] {1});
        // y = 2*1 + 3*2 + 1 = 9, t = 4: loss 12.5, dL/dy = 5.
        double loss = net.computeGradient(new double[] {1, 2}, new double[] {4});
        assertEquals(12.5, loss);
        assertArrayEquals(new double[] {5, 10}, net.getGradient("fc.weight"));
        assertArrayEquals(new double[] {5}, net.getGradient("fc.bias"));
        assertArrayEquals(new double[] {2, 3}, net.getParameter("fc.weight"));
        // A second call starts from cleared accumulators rather than adding up.
        net.computeGradient(new double[] {1, 2}, new double[] {4});
        assertArrayEquals(new double[] {5, 10}, net.getGradient("fc.weight"));
    }

    private static double[] gradient(TinyNet net, double[] x, double[] t) {
        net.computeGradient(x, t);
        double[] w = net.getGradient("fc.weight");
        return new double[] {w[0], w[1], net.getGradient("fc.bias")[0]};
    }
}
