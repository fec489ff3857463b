package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InitialValuesTest {

    @Test
    void comparesContentsAndCopiesArrays() {
        double[] values = {1, 2, 3, 4};
        InitialValues a = new InitialValues(new int[] {2, 2}, values);
        values[0] = 99;
        a.values()[1] = 99;

        assertArrayEquals(new double[] {1, 2, 3, 4}, a.values());
        assertEquals(new InitialValues(new int[] {2, 2}, new double[] {1, 2, 3, 4}), a);
        assertEquals(new InitialValues(new int[] {2, 2}, new double[] {1, 2, 3, 4}).hashCode(),
                a.hashCode());
        assertNotEquals(new InitialValues(new int[] {4}, new double[] {1, 2, 3, 4}), a);
        assertEquals("InitialValues[2, 2][1.0, 2.0, 3.0, 4.0]", a.toString());
    }

    @Test
    void valuesMustFillTheShape() {
        assertEquals("shape [2, 3] needs 6 values, got 4",
                assertThrows(IllegalArgumentException.class,
                        () -> new InitialValues(new int[] {2, 3}, new double[4])).getMessage());
    }
}
