package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializerTest {

    @Test
    void sameSeedGivesTheSameValuesBitForBit() {
        TinyNet a = new TinyNet(30, 20, "in_out", true, false, "glorot_uniform");
        TinyNet b = new TinyNet(30, 20, "in_out", true, false, "glorot_uniform");
        Initializer.initialize(a, 7);
        Initializer.initialize(b, 7);
        assertArrayEquals(a.getParameter("fc.weight"), b.getParameter("fc.weight"));
    }

    @Test
    void differentSeedsGiveDifferentValues() {
        TinyNet a = new TinyNet(30, 20, "out_in", true, false, "glorot_uniform");
        TinyNet b = new TinyNet(30, 20, "out_in", true, false, "glorot_uniform");
        Initializer.initialize(a, 7);
        Initializer.initialize(b, 8);
        double[] wa = a.getParameter("fc.weight");
        double[] wb = b.getParameter("fc.weight");
        int same = 0;
        for (int k = 0; k < wa.length; k++) {
            same += wa[k] == wb[k] ? 1 : 0;
        }
        assertEquals(0, same);
    }

    @Test
    void layoutDoesNotChangeTheDraws() {
        TinyNet outIn = new TinyNet(5, 3, "out_in", true, false, "he_uniform");
        TinyNet inOut = new TinyNet(5, 3, "in_out", true, false, "he_uniform");
        Initializer.initialize(outIn, 1);
        Initializer.initialize(inOut, 1);
        assertArrayEquals(outIn.getParameter("fc.weight"), inOut.getParameter("fc.weight"));
    }

    @Test
    void glorotDrawsRowMajorFromOneGeneratorWithinItsLimit() {
        TinyNet net = new TinyNet(30, 20, "in_out", true, false, "glorot_uniform");
        Initializer.initialize(net, 42);
        double limit = Math.sqrt(6.0 / (30 + 20));
        double[] w = net.getParameter("fc.weight");

        SplittableRandom rng = new SplittableRandom(42);
        for (int k = 0; k < w.length; k++) {
            assertEquals((2 * rng.nextDouble() - 1) * limit, w[k], "value " + k);
        }
        assertSpansLimit(w, limit);
        assertArrayEquals(new double[20], net.getParameter("fc.bias"));
    }

    @Test
    void heUsesTheFanInOnly() {
        TinyNet net = new TinyNet(24, 40, "out_in", true, false, "he_uniform");
        Initializer.initialize(net, 3);
        assertSpansLimit(net.getParameter("fc.weight"), Math.sqrt(6.0 / 24));
    }

    @Test
    void zerosDrawNothingAndFloatNetworksRoundTheDraws() {
        TinyNet zeros = new TinyNet(4, 3, "out_in", true, false, "zeros");
        Initializer.initialize(zeros, 5);
        assertArrayEquals(new double[12], zeros.getParameter("fc.weight"));

        TinyNet floats = new TinyNet(4, 3, "out_in", false, false, "he_uniform");
        Initializer.initialize(floats, 5);
        double first = (2 * new SplittableRandom(5).nextDouble() - 1) * Math.sqrt(6.0 / 4);
        assertEquals((float) first, floats.getParameter("fc.weight")[0]);
    }

    @Test
    void vectorsUseTheirLengthAsBothFans() {
        assertEquals(Math.sqrt(6.0 / 20), Initializer.limit("glorot_uniform", new int[] {10}, "b"));
        assertEquals(Math.sqrt(6.0 / 10), Initializer.limit("he_uniform", new int[] {10}, "b"));
    }

    @Test
    void rejectsUnknownInitializers() {
        TinyNet net = new TinyNet(2, 1, "out_in", true, false, "lecun_normal");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.initialize(net, 1));
        assertEquals("unknown initializer 'lecun_normal' for fc.weight"
                + " (expected glorot_uniform, he_uniform or zeros)", e.getMessage());
    }

    /** Every value inside [-limit, limit], and values near both ends: the range is used. */
    private static void assertSpansLimit(double[] values, double limit) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            assertTrue(Math.abs(v) <= limit, v + " outside +-" + limit);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(max > 0.9 * limit, "max " + max);
        assertTrue(min < -0.9 * limit, "min " + min);
        assertFalse(Double.isNaN(min));
    }
}
