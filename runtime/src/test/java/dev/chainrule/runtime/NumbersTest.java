package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The expected texts are what Python's {@code '%.6g' % x} prints for the same doubles. */
class NumbersTest {

    @Test
    void readableIsPercentSixG() {
        double[] values = {0.1234567, 50, 0.1, 1e-7 * 1.5, 3.2e115, -2.5e-5, 123456.7, 999999.5,
            1e-4, 0.00012345678, 100000, 1, -0.0, 0};
        String[] python = {"0.123457", "50", "0.1", "1.5e-07", "3.2e+115", "-2.5e-05", "123457",
            "1e+06", "0.0001", "0.000123457", "100000", "1", "-0", "0"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(python[i], Numbers.readable(values[i]), "value " + values[i]);
        }
        assertEquals("nan", Numbers.readable(Double.NaN));
        assertEquals("inf", Numbers.readable(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Numbers.readable(Double.NEGATIVE_INFINITY));
    }

    @Test
    void readableAgreesWithJavasPercentGUpToTrailingZeros() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double x = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-12, 12));
            String java = String.format(Locale.ROOT, "%.5e", x);  // 6 significant digits
            assertEquals(Double.parseDouble(java), Double.parseDouble(Numbers.readable(x)),
                    0.0, () -> "value " + x);
        }
    }

    @Test
    void exactReadsBackInItsPrecisionWithoutAnExponent() {
        assertEquals("0.000012", Numbers.exact(1.2e-5, true));
        assertEquals("0.1", Numbers.exact(0.1f, false));
        assertEquals("0.10000000149011612", Numbers.exact(0.1f, true));
        assertEquals("12345678900000000000", Numbers.exact(1.23456789e19, true));
        assertEquals("3", Numbers.exact(3, false));
        assertEquals("inf", Numbers.exact(Double.POSITIVE_INFINITY, false));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            double x = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-30, 30));
            assertEquals(x, Double.parseDouble(Numbers.exact(x, true)));
            assertEquals((float) x, Float.parseFloat(Numbers.exact(x, false)));
        }
    }
}
