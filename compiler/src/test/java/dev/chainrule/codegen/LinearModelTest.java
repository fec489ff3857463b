package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.runtime.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One SGD step of the hand-lowered linear model, checked against values computed by hand. */
class LinearModelTest {

    private static final double[] X = {1, 2};
    private static final double[] T = {1};

    @ParameterizedTest
    @EnumSource(Backend.class)
    void oneSgdStepInDouble(Backend backend) {
        Network net = start(backend, true);
        double[] y = new double[1];
        net.predict(X, y);
        assertEquals(0.125, y[0]);                         // 0.125 + 0.5 * 1 - 0.25 * 2
        assertEquals(0.3828125, net.loss(X, T));           // 0.5 * (0.125 - 1)^2
        assertEquals(0.3828125, net.computeGradient(X, T));
        assertArrayEquals(new double[] {-0.875, -1.75}, net.getGradient("fc.weight"));
        assertArrayEquals(new double[] {-0.875}, net.getGradient("fc.bias"));

        assertEquals(0.3828125, net.trainBatch(new double[][] {X}, new double[][] {T},
                new int[] {0}, 0, 1, 0.1));
        // w -= 0.1 * g, in the order the lowered update computes it.
        assertArrayEquals(new double[] {0.5 - 0.1 * -0.875, -0.25 - 0.1 * -1.75},
                net.getParameter("fc.weight"));
        assertArrayEquals(new double[] {0.125 - 0.1 * -0.875}, net.getParameter("fc.bias"));
        assertArrayEquals(new double[] {0.5875, -0.075}, net.getParameter("fc.weight"), 1e-15);
        assertArrayEquals(new double[] {0, 0}, net.getGradient("fc.weight"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void oneSgdStepInFloat(Backend backend) {
        Network net = start(backend, false);
        assertEquals(0.3828125, net.trainBatch(new double[][] {X}, new double[][] {T},
                new int[] {0}, 0, 1, 0.1));
        float step = (float) 0.1;
        assertArrayEquals(new double[] {0.5f - step * -0.875f, -0.25f - step * -1.75f},
                net.getParameter("fc.weight"));
        assertArrayEquals(new double[] {0.125f - step * -0.875f}, net.getParameter("fc.bias"));
        assertArrayEquals(new double[] {0.5875, -0.075}, net.getParameter("fc.weight"), 1e-7);
    }

    private static Network start(Backend backend, boolean doublePrecision) {
        Network net = LoadedClasses.instantiate(backend, LinearModel.of(doublePrecision));
        net.setParameter("fc.weight", new double[] {0.5, -0.25});
        net.setParameter("fc.bias", new double[] {0.125});
        return net;
    }
}
