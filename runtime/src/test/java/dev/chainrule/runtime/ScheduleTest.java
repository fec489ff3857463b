package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules against rates worked out by hand (closed forms) and the epoch results. */
class ScheduleTest {

    private static double[] rates(Schedule schedule, double base, int epochs) {
        double[] rates = new double[epochs];
        for (int e = 1; e <= epochs; e++) {
            rates[e - 1] = schedule.rateOfEpoch(base, e);
        }
        return rates;
    }

    @Test
    void constantKeepsTheRate() {
        assertEquals(0.3, Schedule.constant().rateOfEpoch(0.3, 50));
    }

    @Test
    void stepHalvesEveryStepSizeEpochs() {
        // StepLR(step_size=2, gamma=0.5) from 1: 1, 1, 0.5, 0.5, 0.25, 0.25 (exact in binary).
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new double[] {1, 1, 0.5, 0.5, 0.25, 0.25}, rates(Schedule.step(2, 0.5), 1, 6));
    }

    @Test
    void exponentialMultipliesEveryEpoch() {
        // ExponentialLR(gamma=0.5) from 0.8: 0.8, 0.4, 0.2, 0.1 (exact: powers of two).
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.8, 0.4, 0.2, 0.1},
                rates(Schedule.exponential(0.5), 0.8, 4));
    }

    @Test
    void cosineFollowsTheClosedFormAndGoesOnPastTMax() {
        // CosineAnnealingLR's closed form, by hand: η_e = η_min + (η₀ − η_min)(1 + cos(π(e−1)/T))/2
        // for epoch e (from 1); T = 4, η₀ = 1, η_min = 0.1. Past T it rises again, as PyTorch's.
        double[] rates = rates(Schedule.cosine(4, 0.1), 1, 13);
        for (int e = 1; e <= 13; e++) {
            double expected = 0.1 + 0.9 * (1 + Math.cos(Math.PI * (e - 1) / 4)) / 2;
            assertEquals(expected, rates[e - 1], 1e-12, "epoch " + e);
        }
        assertEquals(0.1, rates[4], 1e-15); // epoch 5 = T + 1: the minimum
        assertEquals(1.0, rates[8], 1e-12); // epoch 9 = 2T + 1: back at the base rate
    }

    @Test
    void epochResultsCarryTheRateTheyTrainedWith() {
        List<EpochResult> results = new ArrayList<>();
        Dataset data = OptimizerTest.data(10, 3);
        Training.builder().epochs(5).batchSize(4).learningRate(0.1)
                .schedule(Schedule.step(2, 0.5)).build()
                .run(OptimizerTest.net("out_in"), data, null, results::add);
        double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025};
        for (int e = 0; e < 5; e++) {
            assertEquals(expected[e], results.get(e).learningRate(), 1e-17);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(-1));
        assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(5, Double.NaN));
    }
}
