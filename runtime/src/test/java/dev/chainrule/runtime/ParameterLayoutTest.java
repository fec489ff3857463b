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

    @Test
    void theTextFormGivesTheSameLayouts() {
        ParameterLayout[] parsed = ParameterLayout.parseAll("w 2x3 in_out normal(std=0.1);"
                + "b 2 vector zeros;s 1 scalar zeros;k 6x1x5x5 flat he_uniform;v 3x2 out_in zeros");
        ParameterLayout[] built = {ParameterLayout.inOut("w", 2, 3, "normal(std=0.1)"),
                ParameterLayout.vector("b", 2, "zeros"), ParameterLayout.scalar("s", "zeros"),
                ParameterLayout.tensor("k", "he_uniform", 6, 1, 5, 5),
                ParameterLayout.outIn("v", 3, 2, "zeros")};
        for (int p = 0; p < built.length; p++) {
            assertEquals(built[p].name, parsed[p].name);
            assertArrayEquals(built[p].shape(), parsed[p].shape(), built[p].name);
            assertEquals(built[p].initializer, parsed[p].initializer);
        }
        double[][] a = new double[3][2];
        double[][] b = new double[3][2];
        parsed[0].write(a, new double[] {1, 2, 3, 4, 5, 6});
        built[0].write(b, new double[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(b, a);
        assertEquals("bad storage 'vector' for the shape in 'w 2x3 vector zeros'",
                assertThrows(IllegalArgumentException.class,
                        () -> ParameterLayout.parseAll("w 2x3 vector zeros")).getMessage());
    }
}
