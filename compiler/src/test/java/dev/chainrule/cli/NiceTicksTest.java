package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NiceTicksTest {

    private static List<Double> ticks(double min, double max, int count) {
        NiceTicks t = NiceTicks.of(min, max, count);
        List<Double> all = new ArrayList<>();
        for (int k = 0; k <= t.steps(); k++) {
            all.add(t.tick(k));
        }
        return all;
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.005, NiceTicks.niceStep(0.0041));
        assertEquals(0.01, NiceTicks.niceStep(0.006));
        assertEquals(50, NiceTicks.niceStep(37.5));
        assertEquals(1, NiceTicks.niceStep(1));
        assertEquals(2, NiceTicks.niceStep(1.2));
    }

    @Test
    void theAxisWidensToWholeSteps() {
        // the loss axis, 0.006723 .. 0.031: (max - min) / 4 = 0.00607 -> step 0.01
        assertEquals(List.of(0.0, 0.01, 0.02, 0.03, 0.04), ticks(0.006723, 0.031, 4));
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8), ticks(0.02, 0.61, 4));
        assertEquals(List.of(0.9, 0.95, 1.0), ticks(0.9012, 0.9876, 4));
        assertEquals(List.of(-1.5, -1.0, -0.5, 0.0, 0.5), ticks(-1.5, 0.5, 4));
        // epochs: 300 of them in about 6 steps -> every 50
        assertEquals(50, NiceTicks.of(1, 300, 6).step());
    }
}
