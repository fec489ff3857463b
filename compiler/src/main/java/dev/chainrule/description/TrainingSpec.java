package dev.chainrule.description;

import dev.chainrule.runtime.EarlyStopping;
import dev.chainrule.runtime.Optimizer;
import dev.chainrule.runtime.Schedule;
import dev.chainrule.runtime.Training;
import dev.chainrule.runtime.TrainingSettings;
import java.util.List;
import java.util.Objects;

/**
 * Training settings, the description's {@code training} section (layer and graph descriptions
 * alike; {@link TrainingValidator} reads it). The optimizer, schedule and early stopping are
 * the runtime's own typed values, so what the description says is exactly what trains.
 *
 * <p>Every key is optional; {@link #DEFAULTS} holds the values used when a key (or the whole
 * section) is absent: learning rate 0.01, batch size 1, 1 epoch, no shuffling, seed 42, plain
 * SGD, a constant rate, no clipping, no validation split, no early stopping. The
 * {@code with...} methods make the modified copies the CLI needs for its overrides:
 *
 * <pre>{@code
 * TrainingSpec training = spec.training().withEpochs(10).withLearningRate(0.05);
 * NetworkSpec overridden = spec.withTraining(training);
 * Training run = training.toTrainingBuilder().threads(4).build();
 * }</pre>
 *
 * @param learningRate step size (the first epoch's), finite and {@code > 0}
 * @param batchSize samples per gradient step, {@code >= 1}
 * @param epochs passes over the training set, {@code >= 1}
 * @param shuffle whether to shuffle the samples before every epoch
 * @param seed seed for parameter initialization and shuffling
 * @param optimizer how a step uses the gradient
 * @param schedule how the learning rate changes after every epoch
 * @param gradientClip {@code clip_grad_norm_}'s max_norm, or 0 for no clipping
 * @param validationSplit fraction of the training rows held out (the last ones), or 0
 * @param earlyStopping null for none; needs a validation split
 */
public record TrainingSpec(
        double learningRate, int batchSize, int epochs, boolean shuffle, long seed,
        Optimizer optimizer, Schedule schedule, double gradientClip, double validationSplit,
        EarlyStopping earlyStopping) {

    /**
     * The settings of a description without a {@code training} section: the runtime's
     * {@code Training.builder()} defaults, so an embedding program and a description start alike.
     */
    public static final TrainingSpec DEFAULTS = of(Training.builder().build());

    /** Every key of a description's {@code training} section, in the order the docs list them. */
    public static List<String> keys() {
        return TrainingValidator.KEYS;
    }

    /** The settings of {@code training}, without its threads and files. */
    public static TrainingSpec of(Training training) {
        return new TrainingSpec(training.learningRate(), training.batchSize(), training.epochs(),
                training.shuffle(), training.seed(), training.optimizer(), training.schedule(),
                training.gradientClip(), training.validationSplit(), training.earlyStopping());
    }

    /** What a generated class carries in its {@code TrainingSettings.FIELD} constant. */
    public String toJson() {
        return TrainingSettings.toJson(toTrainingBuilder().threads(1).build());
    }

    /** @throws IllegalArgumentException if a value is out of its range */
    public TrainingSpec {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
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
        if (!(gradientClip >= 0) || Double.isInfinite(gradientClip)) {
            throw new IllegalArgumentException("gradient clip must be finite and >= 0, got "
                    + gradientClip);
        }
        if (validationSplit != 0 && !(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in (0, 1), got "
                    + validationSplit);
        }
        if (earlyStopping != null && validationSplit == 0) {
            throw new IllegalArgumentException("early stopping needs a validation split");
        }
    }

    /** Plain SGD at a constant rate, without clipping, validation or early stopping. */
    public TrainingSpec(double learningRate, int batchSize, int epochs, boolean shuffle,
                        long seed) {
        this(learningRate, batchSize, epochs, shuffle, seed, Optimizer.sgd(),
                Schedule.constant(), 0, 0, null);
    }

    /** A runtime builder with these settings; the caller adds threads and files. */
    public Training.Builder toTrainingBuilder() {
        return Training.builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .shuffle(shuffle).seed(seed).optimizer(optimizer).schedule(schedule)
                .gradientClip(gradientClip).validationSplit(validationSplit)
                .earlyStopping(earlyStopping);
    }

    public TrainingSpec withLearningRate(double learningRate) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }

    public TrainingSpec withBatchSize(int batchSize) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }

    public TrainingSpec withEpochs(int epochs) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }

    public TrainingSpec withShuffle(boolean shuffle) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }

    public TrainingSpec withSeed(long seed) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }

    public TrainingSpec withOptimizer(Optimizer optimizer) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }

    public TrainingSpec withSchedule(Schedule schedule) {
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, gradientClip, validationSplit, earlyStopping);
    }
}
