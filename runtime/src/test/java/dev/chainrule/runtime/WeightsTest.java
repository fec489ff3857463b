package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class WeightsTest {

    @Test
    void snapshotsAndRestoresANetwork() {
        TinyNet net = new TinyNet(3, 2, "in_out", true, false, "he_uniform");
        Initializer.initialize(net, 1);
        Weights saved = Weights.of(net);
        double[] before = net.getParameter("fc.weight");

        Initializer.initialize(net, 2);
        saved.applyTo(net);
        assertArrayEquals(before, net.getParameter("fc.weight"));
        assertEquals("tiny", saved.source());
        assertEquals(Arrays.asList("fc.weight", "fc.bias"), saved.names());
        assertArrayEquals(new int[] {2, 3}, saved.shape("fc.weight"));
    }

    @Test
    void handsOutCopies() {
        Weights weights = Weights.of(new TinyNet());
        weights.values("fc.weight")[0] = 9;
        weights.shape("fc.weight")[0] = 9;
        LinkedHashMap<String, double[]> map = weights.toMap();
        map.get("fc.weight")[1] = 9;
        assertArrayEquals(new double[] {0, 0}, weights.values("fc.weight"));
        assertArrayEquals(new int[] {1, 2}, weights.shape("fc.weight"));
        assertEquals(Arrays.asList("fc.weight", "fc.bias"), Arrays.asList(
                map.keySet().toArray()));
    }

    @Test
    void snapshotErrorsNameTheSourceWithoutAPosition() {
        Weights wide = Weights.of(new TinyNet(3, 1, "out_in", true, false, "zeros"));
        DataException e = assertThrows(DataException.class, () -> wide.applyTo(new TinyNet()));
        assertEquals("tiny: fc.weight has shape [1][3], network 'tiny' expects [1][2]",
                e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> wide.values("nope"));
        assertEquals("no parameter 'nope' in tiny", unknown.getMessage());
    }
}
