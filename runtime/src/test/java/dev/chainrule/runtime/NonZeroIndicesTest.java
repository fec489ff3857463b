package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The runtime's bit-level listing against the plain {@code x != 0.0} loop it replaces. */
class NonZeroIndicesTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -2.5};

    @Test
    void listsWhatTheComparisonLists() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 5000; trial++) {
            int length = rnd.nextInt(40);
            int from = rnd.nextInt(5);
            double[] x = new double[from + length + rnd.nextInt(3)];
            double zeros = rnd.nextDouble(); // from all-zero blocks to none
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextDouble() < zeros ? (rnd.nextBoolean() ? 0.0 : -0.0)
                        : SPECIAL[rnd.nextInt(SPECIAL.length)];
            }
            int[] want = new int[length];
            int n = 0;
            for (int i = 0; i < length; i++) {
                if (x[from + i] != 0.0) {
                    want[n++] = i;
                }
            }
            int[] got = new int[length];
            assertEquals(n, NonZeroIndices.list(x, from, length, got), Arrays.toString(x));
            assertArrayEquals(Arrays.copyOf(want, n), Arrays.copyOf(got, n), Arrays.toString(x));
        }
    }
}
