package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.MINIMAL;
import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.runtime.EarlyStopping;
import dev.chainrule.runtime.Optimizer;
import dev.chainrule.runtime.Schedule;
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
                        + " learning_rate, batch_size, epochs, shuffle, seed, optimizer,"
                        + " schedule, gradient_clip, validation_split, early_stopping)");
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

    @Test
    void optimizerByNameTakesPyTorchDefaults() {
        assertEquals(Optimizer.sgd(), training("  epochs: 1\n").optimizer());
        assertEquals(Optimizer.adam(), training("  optimizer: adam\n").optimizer());
        assertEquals(Optimizer.adamw(), training("  optimizer: adamw\n").optimizer());
        assertEquals(0.01, Optimizer.adamw().weightDecay());
        assertEquals(0.9, Optimizer.adam().beta1());
        assertEquals(0.999, Optimizer.adam().beta2());
        assertEquals(1e-8, Optimizer.adam().eps());
    }

    @Test
    void optimizerSettings() {
        assertEquals(Optimizer.sgd().withMomentum(0.9).withNesterov(true).withWeightDecay(1e-4),
                training("  optimizer: {type: sgd, momentum: 0.9, dampening: 0, nesterov: true,"
                        + " weight_decay: 1e-4}\n").optimizer());
        assertEquals(Optimizer.adamw().withBetas(0.8, 0.99).withEps(1e-6).withAmsgrad(true)
                        .withWeightDecay(0),
                training("  optimizer: {type: adamw, betas: [0.8, 0.99], eps: 1e-6,"
                        + " weight_decay: 0, amsgrad: true}\n").optimizer());
    }

    @Test
    void badOptimizers() {
        assertYamlError(MINIMAL + "training:\n  optimizer: adma\n",
                "net.yaml:10:14: training.optimizer: unknown optimizer 'adma' (expected one of"
                        + " sgd, adam, adamw; did you mean 'adam'?)");
        assertYamlError(MINIMAL + "training:\n  optimizer: {type: sgd, nesterov: true}\n",
                "net.yaml:10:36: training.optimizer.nesterov: nesterov needs a momentum > 0 and"
                        + " zero dampening, got momentum 0 and dampening 0");
        assertYamlError(MINIMAL + "training:\n  optimizer: {type: sgd, momentum: 0.9,"
                        + " dampening: 0.1, nesterov: true}\n",
                "net.yaml:10:67: training.optimizer.nesterov: nesterov needs a momentum > 0 and"
                        + " zero dampening, got momentum 0.9 and dampening 0.1");
        assertYamlError(MINIMAL + "training:\n  optimizer: {type: adam, betas: [0.9, 1.0]}\n",
                "net.yaml:10:40: training.optimizer.betas[1]: must be in [0, 1), got 1.0");
        assertYamlError(MINIMAL + "training:\n  optimizer: {type: adam, weight_decay: -1}\n",
                "net.yaml:10:41: training.optimizer.weight_decay: must be a finite number >= 0,"
                        + " got -1");
        assertYamlError(MINIMAL + "training:\n  optimizer: {type: adam, momentum: 0.9}\n",
                "net.yaml:10:27: training.optimizer.momentum: 'momentum' is not a setting of"
                        + " adam (its settings: betas, eps, weight_decay, amsgrad)");
    }

    @Test
    void schedules() {
        assertEquals(Schedule.constant(), training("  schedule: constant\n").schedule());
        assertEquals(Schedule.step(5, 0.1), training("  schedule: {type: step, step_size: 5}\n")
                .schedule());
        assertEquals(Schedule.exponential(0.9),
                training("  schedule: {type: exponential, gamma: 0.9}\n").schedule());
        assertEquals(Schedule.cosine(20, 0), training("  schedule: {type: cosine, t_max: 20}\n")
                .schedule());
        assertYamlError(MINIMAL + "training:\n  schedule: linear\n",
                "net.yaml:10:13: training.schedule: unknown schedule 'linear' (expected one of"
                        + " constant, step, exponential, cosine)");
        assertYamlError(MINIMAL + "training:\n  schedule: {type: step}\n",
                "net.yaml:10:13: training.schedule: missing required key 'step_size'");
    }

    @Test
    void clippingValidationAndEarlyStopping() {
        TrainingSpec spec = training("  gradient_clip: {max_norm: 2.5}\n  validation_split: 0.1\n"
                + "  early_stopping: {patience: 3}\n");
        assertEquals(2.5, spec.gradientClip());
        assertEquals(0.1, spec.validationSplit());
        assertEquals(EarlyStopping.patience(3), spec.earlyStopping());
        assertEquals(EarlyStopping.defaults(), training("  validation_split: 0.5\n"
                + "  early_stopping: {}\n").earlyStopping());
        assertNull(training("  epochs: 2\n").earlyStopping());
        assertYamlError(MINIMAL + "training:\n  validation_split: 1.0\n",
                "net.yaml:10:21: training.validation_split: must be a number in (0, 1), got 1.0");
        assertYamlError(MINIMAL + "training:\n  validation_split: 0\n",
                "net.yaml:10:21: training.validation_split: must be a number in (0, 1), got 0");
        assertYamlError(MINIMAL + "training:\n  early_stopping: {patience: 2}\n",
                "net.yaml:10:19: training.early_stopping: needs validation_split (early stopping"
                        + " watches the validation loss)");
        assertYamlError(MINIMAL + "training:\n  gradient_clip: {max_norm: 0}\n",
                "net.yaml:10:29: training.gradient_clip.max_norm: must be a finite number > 0,"
                        + " got 0");
    }
}
