package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingSpecTest {

    @Test
    void defaults() {
        assertEquals(new TrainingSpec(0.01, 1, 1, false, 42), TrainingSpec.DEFAULTS);
    }

    @Test
    void withersChangeOneSetting() {
        TrainingSpec t = TrainingSpec.DEFAULTS.withLearningRate(0.5).withBatchSize(32)
                .withEpochs(3).withShuffle(true).withSeed(-1);
        assertEquals(new TrainingSpec(0.5, 32, 3, true, -1), t);
    }

    @Test
    void refusesValuesOutOfRange() {
        assertEquals("learning rate must be finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingSpec.DEFAULTS.withLearningRate(Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.DEFAULTS.withLearningRate(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.DEFAULTS.withLearningRate(0));
        assertEquals("batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingSpec.DEFAULTS.withBatchSize(0)).getMessage());
        assertEquals("epochs must be at least 1, got -2",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingSpec.DEFAULTS.withEpochs(-2)).getMessage());
    }
}
