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
}
