package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The layouts a generated class builds in its static initializer: shapes, the storage order a
 * write lands in, and the older text form (hand-written subclasses) giving the same layouts.
 */
class ParameterLayoutTest {

    @Test
    void aTransposedWeightStoresRowsOfItsInputs() {
        ParameterLayout w = ParameterLayout.inOut("w", 2, 3, "zeros");
        float[][] rows = new float[3][2];
        w.write(rows, new double[] {1, 2, 3, 4, 5, 6}); // [out][in], row-major
        assertArrayEquals(new float[] {1, 4}, rows[0]);
        assertArrayEquals(new float[] {3, 6}, rows[2]);
        assertArrayEquals(new int[] {2, 3}, w.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, w.read(rows), 0.0);

        double[][] outIn = new double[2][3];
        ParameterLayout.outIn("v", 2, 3, "zeros").write(outIn, new double[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(new double[] {4, 5, 6}, outIn[1], 0.0);
    }

    @Test
    void vectorsScalarsAndTensorsKeepTheirShapes() {
        assertArrayEquals(new int[] {4}, ParameterLayout.vector("b", 4, "zeros").shape());
        assertArrayEquals(new int[0], ParameterLayout.scalar("s", "zeros").shape());
        ParameterLayout k = ParameterLayout.tensor("k", "he_uniform", 6, 1, 5, 5);
        assertArrayEquals(new int[] {6, 1, 5, 5}, k.shape());
        assertEquals(150, k.size());
        assertEquals("he_uniform", k.initializer);
        assertEquals("k: a dimension of 0", assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.tensor("k", "zeros", 6, 0, 5, 5)).getMessage());
    }
}
