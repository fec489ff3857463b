package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void holdsRowsAndLabelsThem() {
        double[][] xs = {{1, 2}, {3, 4}, {5, 6}};
        double[][] ts = {{0, 1, 0}, {0.2, 0.2, 0.7}, {0.5, 0.1, 0.5}};
        Dataset data = new Dataset("toy", 2, 3, xs, ts);
        assertEquals("toy", data.source());
        assertEquals(3, data.size());
        assertEquals(2, data.inputWidth());
        assertEquals(3, data.targetWidth());
        assertSame(xs, data.inputs());
        assertEquals(1, data.label(0));
        assertEquals(2, data.label(1));
        assertEquals(0, data.label(2)); // tie: the lowest index wins
    }

    @Test
    void rejectsMismatchedRows() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("toy", 1, 1, new double[][] {{1}, {2}}, new double[][] {{1}}));
        assertEquals("toy: 2 input rows but 1 target rows", count.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("toy", 2, 1, new double[][] {{1, 2}, {2}},
                        new double[][] {{1}, {0}}));
        assertEquals("toy: input row 1 has 1 values, expected 2", width.getMessage());
    }

    @Test
    void shufflesRowsInTheDocumentedOrder() {
        double[][] xs = {{0}, {1}, {2}, {3}, {4}};
        double[][] ts = {{10}, {11}, {12}, {13}, {14}};
        Dataset shuffled = new Dataset("toy", 1, 1, xs, ts).shuffled(42);
        // The contract, written out: Fisher–Yates over SplittableRandom(42).
        java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
        int[] order = {0, 1, 2, 3, 4};
        for (int i = 4; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        for (int i = 0; i < 5; i++) {
            assertSame(xs[order[i]], shuffled.inputs()[i]);
            assertEquals(10 + order[i], shuffled.targets()[i][0]);
        }
        assertEquals(false, java.util.Arrays.equals(order, new int[] {0, 1, 2, 3, 4}));
    }
}
