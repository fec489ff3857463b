package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TanhTest {

    @Test
    void staysWithinTwoUlpsOfMathTanhAndRoundsToTheSameFloat() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            // Magnitudes from 1e-10 to 100, both branches and the tiny-x shortcut.
            double x = (random.nextDouble() - 0.5) * 2 * Math.pow(10, 2 - random.nextInt(13));
            double expected = Math.tanh(x);
            double actual = Tanh.tanh(x);
            assertTrue(Math.abs(expected - actual) <= 2 * Math.ulp(expected),
                    () -> "tanh(" + x + ") = " + actual + ", Math.tanh gives " + expected);
            assertEquals((float) expected, (float) actual, () -> "float tanh(" + x + ")");
        }
    }

    @Test
    void keepsTheSpecialValues() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Tanh.tanh(0.0)));
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Tanh.tanh(-1e300));
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
        assertEquals(Math.tanh(0.625), Tanh.tanh(0.625), Math.ulp(Math.tanh(0.625)) * 2);
        assertEquals(-Tanh.tanh(0.3), Tanh.tanh(-0.3));
    }
}
