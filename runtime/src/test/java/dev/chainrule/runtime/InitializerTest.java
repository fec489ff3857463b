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
    void vectorsUseTheirLengthAsBothFansAndScalarsOne() {
        double[] vector = new double[10];
        Initializer.draw("glorot_uniform", new int[] {10}, "b", new SplittableRandom(1), vector);
        assertEquals((2 * new SplittableRandom(1).nextDouble() - 1) * Math.sqrt(6.0 / 20),
                vector[0]);
        double[] scalar = new double[1];
        Initializer.draw("he_uniform", new int[0], "s", new SplittableRandom(1), scalar);
        assertEquals((2 * new SplittableRandom(1).nextDouble() - 1) * Math.sqrt(6.0), scalar[0]);
    }

    @Test
    void rejectsUnknownInitializers() {
        TinyNet net = new TinyNet(2, 1, "out_in", true, false, "lecun_normal");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.initialize(net, 1));
        assertEquals("unknown initializer 'lecun_normal' for fc.weight (expected zeros,"
                + " glorot_uniform, glorot_normal, he_uniform, he_normal, normal(std=S) or"
                + " uniform(a=A))", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializer.initialize(
                new TinyNet(2, 1, "out_in", true, false, "normal(std=-1)"), 1));
    }

    /**
     * Statistical checks over 200,000 seeded draws of a [400, 500] weight (fanIn 500, fanOut
     * 400): the mean within 5 standard errors of 0, the variance within 5 of its own standard
     * errors of the formula's (sd of a sample variance: σ²·sqrt((κ − 1)/n), κ = 3 for a normal,
     * 1.8 for a uniform), and the kurtosis telling normal (3) from uniform (1.8). The formulas
     * are torch.nn.init's: glorot_uniform a = sqrt(6/(in+out)), variance a²/3; glorot_normal
     * σ² = 2/(in+out); he_uniform a = sqrt(6/in); he_normal σ² = 2/in; normal(std) σ = std;
     * uniform(a) variance a²/3.
     */
    @Test
    void everySchemeHasTheDocumentedMeanVarianceAndShape() {
        double in = 500;
        double out = 400;
        checkMoments("glorot_uniform", 6 / (in + out) / 3, 1.8);
        checkMoments("glorot_normal", 2 / (in + out), 3);
        checkMoments("he_uniform", 6 / in / 3, 1.8);
        checkMoments("he_normal", 2 / in, 3);
        checkMoments("normal", 1, 3);
        checkMoments("normal(std=0.02)", 0.02 * 0.02, 3);
        checkMoments("uniform", 1.0 / 3, 1.8);
        checkMoments("uniform(a=0.1)", 0.01 / 3, 1.8);
    }

    private static void checkMoments(String initializer, double variance, double kurtosis) {
        int n = 200_000;
        double[] values = new double[n];
        Initializer.draw(initializer, new int[] {400, 500}, "w", new SplittableRandom(2026),
                values);
        double[] again = new double[n];
        Initializer.draw(initializer, new int[] {400, 500}, "w", new SplittableRandom(2026),
                again);
        assertArrayEquals(values, again, initializer + " is reproducible");
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m4 = 0;
        for (double v : values) {
            double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= n;
        m4 /= n;
        assertEquals(0, mean, 5 * Math.sqrt(variance / n), initializer + " mean");
        assertEquals(variance, m2, 5 * variance * Math.sqrt((kurtosis - 1) / n),
                initializer + " variance");
        assertEquals(kurtosis, m4 / (m2 * m2), 0.1, initializer + " kurtosis");
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
