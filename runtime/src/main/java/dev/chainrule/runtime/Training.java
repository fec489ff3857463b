package dev.chainrule.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Minibatch SGD settings, and the loop that applies them. Immutable; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * Network net = new Mnist();
 * Initializer.initialize(net, 42);
 * Training training = Training.builder().epochs(5).batchSize(32).learningRate(0.01).seed(42)
 *         .build();
 * List<EpochResult> history = training.run(net, train, test, System.out::println);
 * }</pre>
 *
 * <p>Runs are reproducible: with the same seed, network, initial weights and data, every step
 * is the same, bit for bit. With {@code shuffle}, the sample order comes from one
 * {@code SplittableRandom(seed ^ 0x5DEECE66DL)}: a stream separate from {@link Initializer}'s
 * {@code SplittableRandom(seed)}, so one seed can drive both without the two sharing draws.
 * At the start of every epoch, a Fisher–Yates pass ({@code for i = n-1 .. 1: swap(i,
 * rng.nextInt(i + 1))}) reshuffles the previous epoch's order, continuing the same generator.
 *
 * <p>Batches of more than {@value ParallelTrainer#CHUNK_SIZE} samples of a
 * {@link GeneratedNetwork} run on {@link #threads()} threads through a {@link ParallelTrainer},
 * whose gradient is a sum of fixed 16-sample chunks in fixed order: the thread count never
 * changes a result, not even its last bit (one thread computes the same chunked sum). Smaller
 * batches, and networks of other classes, are stepped by {@link Network#trainBatch}.
 */
public final class Training {

    /** Mixed into the seed so shuffling and initialization draw from different streams. */
    static final long SHUFFLE_SALT = 0x5DEECE66DL;

    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final boolean shuffle;
    private final long seed;
    private final int threads;

    /**
     * Uses every available processor ({@link #defaultThreads()}).
     *
     * @throws IllegalArgumentException unless {@code epochs} and {@code batchSize} are at least
     *     1 and {@code learningRate} is positive and finite
     */
    public Training(int epochs, int batchSize, double learningRate, boolean shuffle, long seed) {
        this(epochs, batchSize, learningRate, shuffle, seed, defaultThreads());
    }

    /**
     * @param threads how many threads train a batch; never changes the results
     * @throws IllegalArgumentException unless {@code epochs}, {@code batchSize} and
     *     {@code threads} are at least 1 and {@code learningRate} is positive and finite
     */
    public Training(int epochs, int batchSize, double learningRate, boolean shuffle, long seed,
                    int threads) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got "
                    + learningRate);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.shuffle = shuffle;
        this.seed = seed;
        this.threads = threads;
    }

    /** The default thread count: {@code Runtime.getRuntime().availableProcessors()}. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts from 10 epochs, batch size 32, learning rate 0.01, shuffled, seed 0, and
     * {@link #defaultThreads()} threads.
     */
    public static Builder builder() {
        return new Builder();
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

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

    /**
     * Trains {@code net} in place on {@code train} and returns one result per epoch. Each epoch
     * steps through the (shuffled) order in batches of {@link #batchSize()}, the last batch
     * taking whatever is left; then it evaluates with the updated weights: training accuracy
     * (a separate prediction pass, classifiers only) and, if {@code test} is not null, test loss
     * and accuracy.
     *
     * @param test evaluated after every epoch, never trained on; may be null
     * @param listener told about progress and each finished epoch; may be null
     */
    public List<EpochResult> run(Network net, Dataset train, Dataset test,
                                 EpochListener listener) {
        Evaluation.checkWidths(net, train);
        if (test != null) {
            Evaluation.checkWidths(net, test);
        }
        int n = train.size();
        if (n == 0) {
            throw new IllegalArgumentException(train.source() + " has no rows to train on");
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        ParallelTrainer trainer = null;
        if (net instanceof GeneratedNetwork && batchSize > ParallelTrainer.CHUNK_SIZE) {
            // No more threads than a batch has chunks: the others would find no work.
            int chunks = (Math.min(batchSize, n) + ParallelTrainer.CHUNK_SIZE - 1)
                    / ParallelTrainer.CHUNK_SIZE;
            trainer = new ParallelTrainer((GeneratedNetwork) net, Math.min(threads, chunks));
        }
        try {
            return run(net, trainer, train, test, listener, order);
        } finally {
            if (trainer != null) {
                trainer.close();
            }
        }
    }

    private List<EpochResult> run(Network net, ParallelTrainer trainer, Dataset train,
                                  Dataset test, EpochListener listener, int[] order) {
        int n = order.length;
        SplittableRandom rng = new SplittableRandom(seed ^ SHUFFLE_SALT);
        List<EpochResult> history = new ArrayList<>(epochs);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            if (shuffle) {
                shuffle(order, rng);
            }
            double lossSum = 0;
            int reportedPercent = 0;
            for (int from = 0; from < n; from += batchSize) {
                int count = Math.min(batchSize, n - from);
                lossSum += trainer != null
                        ? trainer.trainBatch(train.inputs(), train.targets(), order, from, count,
                                learningRate)
                        : net.trainBatch(train.inputs(), train.targets(), order, from, count,
                                learningRate);
                int done = from + count;
                int percent = (int) (100L * done / n);
                if (listener != null && percent > reportedPercent) {
                    listener.progress(epoch, done, n);
                    reportedPercent = percent;
                }
            }
            long trainNanos = Math.max(1, System.nanoTime() - start);
            double trainAccuracy = net.classifier() ? Evaluation.accuracy(net, train) : Double.NaN;
            double testLoss = test != null ? Evaluation.meanLoss(net, test) : Double.NaN;
            double testAccuracy = test != null && net.classifier()
                    ? Evaluation.accuracy(net, test) : Double.NaN;
            EpochResult result = new EpochResult(epoch, epochs, lossSum / n, trainAccuracy,
                    testLoss, testAccuracy, n * 1e9 / trainNanos, System.nanoTime() - start);
            history.add(result);
            if (listener != null) {
                listener.epochFinished(result);
            }
        }
        return history;
    }

    /** Fisher–Yates, in place; the exact draws are part of the reproducibility contract. */
    static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "epochs=%d batchSize=%d learningRate=%s shuffle=%b seed=%d threads=%d",
                epochs, batchSize, learningRate, shuffle, seed, threads);
    }

    /** Collects settings for a {@link Training}; {@link #build()} validates them. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private double learningRate = 0.01;
        private boolean shuffle = true;
        private long seed;
        private int threads = defaultThreads();

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

        public Training build() {
            return new Training(epochs, batchSize, learningRate, shuffle, seed, threads);
        }
    }
}
