package dev.chainrule.runtime;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * Training settings, and the loop that applies them ({@link TrainingRun}). Immutable; build one
 * with {@link #builder()}.
 *
 * <pre>{@code
 * Network net = new Mnist();
 * Initializer.initialize(net, 42);
 * Training training = Training.builder().epochs(20).batchSize(32).learningRate(1e-3).seed(42)
 *         .optimizer(Optimizer.adam())
 *         .schedule(Schedule.cosine(20, 0))
 *         .gradientClip(1.0)
 *         .validationSplit(0.1)
 *         .earlyStopping(EarlyStopping.patience(3))
 *         .checkpoint(new File("mnist.ckpt.json"))
 *         .build();
 * List<EpochResult> history = training.run(net, train, test, System.out::println);
 * }</pre>
 *
 * <p>Runs are reproducible: with the same seed, network, initial weights and data, every step
 * is the same, bit for bit, on every thread count. With {@code shuffle}, every epoch reshuffles
 * the previous epoch's order with one generator separate from {@link Initializer}'s
 * ({@link ShuffleOrder} states how). A validation split holds out the last rows before any
 * shuffling.
 *
 * <p>Batches of more than {@value ParallelTrainer#CHUNK_SIZE} samples of a
 * {@link GeneratedNetwork} run on {@link #threads()} threads through a {@link ParallelTrainer}
 * (its class comment states the determinism contract). Plain SGD steps in the generated class;
 * every other {@link Optimizer}, and gradient clipping, steps in the runtime over the bound
 * parameter arrays, which needs a {@link GeneratedNetwork}.
 */
public final class Training {

    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final boolean shuffle;
    private final long seed;
    private final int threads;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final double gradientClip;
    private final double validationSplit;
    private final EarlyStopping earlyStopping;
    private final File checkpoint;
    private final File resumeFrom;
    private final String descriptionFingerprint;

    /**
     * Plain SGD on every available processor ({@link #defaultThreads()}).
     *
     * @throws IllegalArgumentException unless {@code epochs} and {@code batchSize} are at least
     *     1 and {@code learningRate} is positive and finite
     */
    public Training(int epochs, int batchSize, double learningRate, boolean shuffle, long seed) {
        this(epochs, batchSize, learningRate, shuffle, seed, defaultThreads());
    }

    /**
     * Plain SGD.
     *
     * @param threads how many threads train a batch; never changes the results
     * @throws IllegalArgumentException unless {@code epochs}, {@code batchSize} and
     *     {@code threads} are at least 1 and {@code learningRate} is positive and finite
     */
    public Training(int epochs, int batchSize, double learningRate, boolean shuffle, long seed,
                    int threads) {
        this(builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .shuffle(shuffle).seed(seed).threads(threads));
    }

    private Training(Builder b) {
        if (b.epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + b.epochs);
        }
        if (b.batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got "
                    + b.batchSize);
        }
        if (!(b.learningRate > 0) || Double.isInfinite(b.learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got "
                    + b.learningRate);
        }
        if (b.threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + b.threads);
        }
        if (!(b.gradientClip >= 0) || Double.isInfinite(b.gradientClip)) {
            throw new IllegalArgumentException("gradient clip max_norm must be finite and > 0,"
                    + " got " + b.gradientClip);
        }
        if (b.validationSplit != 0 && !(b.validationSplit > 0 && b.validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in (0, 1), got "
                    + b.validationSplit);
        }
        if (b.earlyStopping != null && b.validationSplit == 0) {
            throw new IllegalArgumentException("early stopping needs a validation split");
        }
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.threads = b.threads;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.gradientClip = b.gradientClip;
        this.validationSplit = b.validationSplit;
        this.earlyStopping = b.earlyStopping;
        this.checkpoint = b.checkpoint;
        this.resumeFrom = b.resumeFrom;
        this.descriptionFingerprint = b.descriptionFingerprint;
    }

    /** The default thread count: {@code Runtime.getRuntime().availableProcessors()}. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts from the defaults of a description without a {@code training:} section: 1 epoch,
     * batch size 1, learning rate 0.01, not shuffled, seed 42, plain SGD, a constant rate, no
     * clipping, no validation split, no early stopping; {@link #defaultThreads()} threads and no
     * checkpoint. {@link #from(Network)} starts from a generated class's own description instead.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the {@code training:} settings of the description {@code net} was
     * generated from (its {@value TrainingSettings#FIELD} constant); change what you like before
     * {@link Builder#build()}:
     *
     * <pre>{@code
     * Network net = new Iris();
     * Training training = Training.from(net).threads(2).build();   // epochs, rate... as described
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code net}'s class was not generated by Chainrule
     */
    public static Builder from(Network net) {
        return TrainingSettings.of(net.getClass());
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The base learning rate (the first epoch's); a {@link #schedule()} changes it. */
    public double learningRate() {
        return learningRate;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public long seed() {
        return seed;
    }

    /** How many threads train a batch of more than 16 samples; never changes the results. */
    public int threads() {
        return threads;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** {@code clip_grad_norm_}'s max_norm; 0 when gradients are not clipped. */
    public double gradientClip() {
        return gradientClip;
    }

    /** The fraction of rows held out for validation (the last ones); 0 for none. */
    public double validationSplit() {
        return validationSplit;
    }

    /** Null when training does not stop early. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** Where the state is written after every epoch; null for nowhere. */
    public File checkpoint() {
        return checkpoint;
    }

    /** The checkpoint a run continues from; null to start afresh. */
    public File resumeFrom() {
        return resumeFrom;
    }

    /** What checkpoints record of the description, to refuse another's; null: not recorded. */
    public String descriptionFingerprint() {
        return descriptionFingerprint;
    }

    /**
     * Trains {@code net} in place on {@code train} and returns one result per epoch run (with a
     * {@link #resumeFrom()} checkpoint: also those of the epochs before it). Each epoch steps
     * through the (shuffled) order in batches of {@link #batchSize()}, the last batch taking
     * whatever is left; then it evaluates with the updated weights: training accuracy
     * (classifiers only), validation loss and accuracy with a split, test loss and accuracy
     * with a test set; then the schedule steps and the checkpoint is written.
     *
     * @param test evaluated after every epoch, never trained on; may be null
     * @param listener told about progress and each finished epoch; may be null
     * @throws DivergenceException when a loss or parameter becomes NaN or infinite
     * @throws IllegalArgumentException for data that does not fit, or a checkpoint that does
     *     not belong to this network, data and settings
     */
    public List<EpochResult> run(Network net, Dataset train, Dataset test,
                                 EpochListener listener) {
        return new TrainingRun(this, net, train, test, listener).run();
    }

    /**
     * The settings a checkpoint must have been written with to be continued by this training:
     * everything but the epochs, thread count and file names.
     */
    String resumableSettings() {
        return String.format(Locale.ROOT, "batchSize=%d learningRate=%s shuffle=%b seed=%d"
                + " optimizer=%s schedule=%s gradientClip=%s validationSplit=%s %s",
                batchSize, learningRate, shuffle, seed, optimizer, schedule, gradientClip,
                validationSplit, earlyStopping == null ? "no early stopping" : earlyStopping);
    }

    /**
     * For example {@code epochs=1 batchSize=1 learningRate=0.01 shuffle=false seed=42 threads=2
     * optimizer=adam(...)}: the settings that differ from the defaults come last.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "epochs=%d batchSize=%d learningRate=%s shuffle=%b seed=%d threads=%d",
                epochs, batchSize, learningRate, shuffle, seed, threads));
        if (!optimizer.equals(Optimizer.sgd())) {
            s.append(" optimizer=").append(optimizer);
        }
        if (schedule.type() != Schedule.Type.CONSTANT) {
            s.append(" schedule=").append(schedule);
        }
        if (gradientClip > 0) {
            s.append(" gradientClip=").append(gradientClip);
        }
        if (validationSplit > 0) {
            s.append(" validationSplit=").append(validationSplit);
        }
        if (earlyStopping != null) {
            s.append(' ').append(earlyStopping);
        }
        if (checkpoint != null) {
            s.append(" checkpoint=").append(checkpoint);
        }
        if (resumeFrom != null) {
            s.append(" resumeFrom=").append(resumeFrom);
        }
        return s.toString();
    }

    /** Collects settings for a {@link Training}; {@link #build()} validates them. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 1;
        private double learningRate = 0.01;
        private boolean shuffle;
        private long seed = 42;
        private int threads = defaultThreads();
        private Optimizer optimizer = Optimizer.sgd();
        private Schedule schedule = Schedule.constant();
        private double gradientClip;
        private double validationSplit;
        private EarlyStopping earlyStopping;
        private File checkpoint;
        private File resumeFrom;
        private String descriptionFingerprint;

        private Builder() {
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads per batch, at least 1; the results are the same for every count. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** For example {@code .optimizer(Optimizer.sgd().withMomentum(0.9))}. Default: sgd. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = java.util.Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** For example {@code .schedule(Schedule.step(5, 0.5))}. Default: constant. */
        public Builder schedule(Schedule schedule) {
            this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Clips every batch's mean gradient to total norm {@code maxNorm}, as
         * {@code torch.nn.utils.clip_grad_norm_}; 0 turns clipping off.
         */
        public Builder gradientClip(double maxNorm) {
            this.gradientClip = maxNorm;
            return this;
        }

        /**
         * Holds out the last {@code floor(fraction · n)} rows (at least 1) of the training data,
         * before any shuffling, and reports their loss (and accuracy) after every epoch; 0
         * turns it off. For example {@code .validationSplit(0.1)}.
         */
        public Builder validationSplit(double fraction) {
            this.validationSplit = fraction;
            return this;
        }

        /** For example {@code .earlyStopping(EarlyStopping.patience(3))}; null for none. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Writes everything needed to continue to {@code file} after every epoch, atomically
         * (a temporary file, then a rename). For example
         * {@code .checkpoint(new File("run.ckpt.json"))}; null for none.
         */
        public Builder checkpoint(File file) {
            this.checkpoint = file;
            return this;
        }

        /**
         * Continues the run a {@link #checkpoint} file saved, up to {@link #epochs} epochs in
         * all: the same network, data and settings then end with the same weights, bit for bit,
         * as an uninterrupted run. Null to start afresh.
         */
        public Builder resumeFrom(File file) {
            this.resumeFrom = file;
            return this;
        }

        /**
         * A hash of the description the network was compiled from (the compiler's
         * {@code Chainrule.fingerprint}): checkpoints record it, and resuming from one written
         * for another description (another activation, loss, precision...) is refused.
         */
        public Builder descriptionFingerprint(String fingerprint) {
            this.descriptionFingerprint = fingerprint;
            return this;
        }

        public Training build() {
            return new Training(this);
        }
    }
}
