package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.spark.PartialSums.Partial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialSumsTest {

    private static Partial roundTrip(Partial partial, boolean floats) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PartialSums.write(partial, floats, new DataOutputStream(bytes));
        return PartialSums.read(new DataInputStream(new ByteArrayInputStream(
                bytes.toByteArray())), new int[] {3, 1});
    }

    @Test
    void doublesTravelExactlyAndFloatsAsFloats() throws IOException {
        double[][] sums = {{0.1, -3e-300, 1e300}, {Math.PI}};
        Partial doubles = roundTrip(new Partial(4, 2.5, sums), false);
        assertEquals(4, doubles.partition());
        assertEquals(2.5, doubles.lossSum(), 0.0);
        assertArrayEquals(sums[0], doubles.gradientSum()[0], 0.0);
        assertArrayEquals(sums[1], doubles.gradientSum()[1], 0.0);

        Partial floats = roundTrip(new Partial(1, 0.5, sums), true);
        assertArrayEquals(new double[] {(float) 0.1, (float) -3e-300, (float) 1e300},
                floats.gradientSum()[0], 0.0);
        assertEquals((float) Math.PI, floats.gradientSum()[1][0], 0.0);
        assertNull(roundTrip(new Partial(2, 0, null), true).gradientSum());
    }

    /** Sums that depend on the order of additions: partition order, whatever the list's. */
    @Test
    void partialsAreAddedInPartitionOrder() {
        Partial a = new Partial(0, 1, new double[][] {{1e16}});
        Partial b = new Partial(1, 2, new double[][] {{1}});
        Partial c = new Partial(2, 4, new double[][] {{-1e16}});
        Partial expected = new Partial(-1, 7, new double[][] {{(1e16 + 1) - 1e16}});
        for (List<Partial> order : List.of(List.of(a, b, c), List.of(c, b, a), List.of(b, c, a))) {
            Partial total = PartialSums.inOrder(order, -1);
            assertEquals(expected.lossSum(), total.lossSum(), 0.0);
            assertArrayEquals(expected.gradientSum()[0], total.gradientSum()[0], 0.0);
        }
        // The order matters: another one gives another sum.
        assertEquals(1.0, PartialSums.add(PartialSums.add(PartialSums.add(null,
                a.gradientSum()), c.gradientSum()), b.gradientSum())[0][0], 0.0);
    }
}
