package dev.chainrule.spec;

/**
 * Stochastic gradient descent settings, the description's {@code training} section.
 *
 * <p>Every key is optional; {@link #DEFAULTS} holds the values used when a key (or the whole
 * section) is absent: learning rate 0.01, batch size 1, 1 epoch, no shuffling, seed 42. The
 * {@code with...} methods make the modified copies the CLI needs for its overrides:
 *
 * <pre>{@code
 * TrainingSpec training = spec.training().withEpochs(10).withLearningRate(0.05);
 * NetworkSpec overridden = spec.withTraining(training);
 * }</pre>
 *
 * @param learningRate step size, finite and {@code > 0}
 * @param batchSize samples per gradient step, {@code >= 1}
 * @param epochs passes over the training set, {@code >= 1}
 * @param shuffle whether to shuffle the samples before every epoch
 * @param seed seed for parameter initialization and shuffling
 */
public record TrainingSpec(
        double learningRate, int batchSize, int epochs, boolean shuffle, long seed) {

    /** Learning rate when the description gives none. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    /** Seed when the description gives none. */
    public static final long DEFAULT_SEED = 42;

    /** The settings of a description without a {@code training} section. */
    public static final TrainingSpec DEFAULTS =
            new TrainingSpec(DEFAULT_LEARNING_RATE, 1, 1, false, DEFAULT_SEED);

    /** @throws IllegalArgumentException if a value is out of its range */
    public TrainingSpec {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be finite and > 0, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }

    public TrainingSpec withLearningRate(double learningRate) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed);
    }

    public TrainingSpec withBatchSize(int batchSize) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed);
    }

    public TrainingSpec withEpochs(int epochs) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed);
    }

    public TrainingSpec withShuffle(boolean shuffle) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed);
    }

    public TrainingSpec withSeed(long seed) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed);
    }
}
