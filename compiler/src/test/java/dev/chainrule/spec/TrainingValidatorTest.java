package dev.chainrule.spec;

import static dev.chainrule.spec.SpecAssertions.MINIMAL;
import static dev.chainrule.spec.SpecAssertions.assertYamlError;
import static dev.chainrule.spec.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingValidatorTest {

    private static TrainingSpec training(String lines) {
        return parseYaml(MINIMAL + "training:\n" + lines).training();
    }

    @Test
    void readsEveryKey() {
        assertEquals(new TrainingSpec(0.5, 32, 7, true, -3), training("""
                  learning_rate: 0.5
                  batch_size: 32
                  epochs: 7
                  shuffle: true
                  seed: -3
                """));
    }

    @Test
    void missingKeysTakeDefaults() {
        assertEquals(new TrainingSpec(0.01, 1, 4, false, 42), training("  epochs: 4\n"));
        assertEquals(TrainingSpec.DEFAULTS, parseYaml(MINIMAL + "training: {}\n").training());
    }

    @Test
    void acceptsIntegerLearningRatesAndLongSeeds() {
        assertEquals(1.0, training("  learning_rate: 1\n").learningRate());
        assertEquals(1e-5, training("  learning_rate: 1.0E-5\n").learningRate());
        assertEquals(Long.MIN_VALUE, training("  seed: -9223372036854775808\n").seed());
    }

    @Test
    void misspelledKey() {
        assertYamlError(MINIMAL + "training:\n  lerning_rate: 0.1\n",
                "net.yaml:10:3: unknown key 'lerning_rate' in training (did you mean"
                        + " 'learning_rate'?)");
        assertYamlError(MINIMAL + "training:\n  momentum: 0.9\n",
                "net.yaml:10:3: unknown key 'momentum' in training (expected one of"
                        + " learning_rate, batch_size, epochs, shuffle, seed)");
    }

    @Test
    void learningRateMustBeFiniteAndPositive() {
        String at = "net.yaml:10:18: training.learning_rate: ";
        assertYamlError(MINIMAL + "training:\n  learning_rate: 0\n",
                at + "must be a finite number > 0, got 0");
        assertYamlError(MINIMAL + "training:\n  learning_rate: -0.1\n",
                at + "must be a finite number > 0, got -0.1");
        assertYamlError(MINIMAL + "training:\n  learning_rate: .nan\n",
                at + "must be a finite number > 0, got .nan");
        assertYamlError(MINIMAL + "training:\n  learning_rate: .inf\n",
                at + "must be a finite number > 0, got .inf");
        assertYamlError(MINIMAL + "training:\n  learning_rate: fast\n",
                at + "expected a number, got string 'fast'");
    }

    @Test
    void batchSizeAndEpochsAreAtLeastOne() {
        assertYamlError(MINIMAL + "training:\n  batch_size: 0\n",
                "net.yaml:10:15: training.batch_size: must be at least 1, got 0");
        assertYamlError(MINIMAL + "training:\n  epochs: -1\n",
                "net.yaml:10:11: training.epochs: must be at least 1, got -1");
        assertYamlError(MINIMAL + "training:\n  epochs: 1.5\n",
                "net.yaml:10:11: training.epochs: expected an integer, got 1.5");
    }

    @Test
    void shuffleAndSeedTypes() {
        assertYamlError(MINIMAL + "training:\n  shuffle: 1\n",
                "net.yaml:10:12: training.shuffle: expected true or false, got 1");
        assertYamlError(MINIMAL + "training:\n  seed: 1.5\n",
                "net.yaml:10:9: training.seed: expected an integer, got 1.5");
        assertYamlError(MINIMAL + "training:\n  seed: 9223372036854775808\n",
                "net.yaml:10:9: training.seed: integer out of range, got 9223372036854775808");
    }

    @Test
    void trainingMustBeAMapping() {
        assertYamlError(MINIMAL + "training: [0.1]\n", "net.yaml:9:11: training: expected a"
                + " mapping of training settings, got a list");
    }
}
