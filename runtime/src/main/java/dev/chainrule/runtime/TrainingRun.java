package dev.chainrule.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One {@link Training#run}: the epoch loop and the state a {@link Checkpoint} saves (epochs
 * done, learning rate, shuffle generator, optimizer state, early stopping, history).
 */
final class TrainingRun {

    final Training settings;
    final Network net;
    /** The rows trained on: the training data without the validation rows. */
    final Dataset train;
    /** The held-out last rows; null without a validation split. */
    final Dataset validation;
    private final Dataset test;
    private final EpochListener listener;

    /** The sample order, reshuffled every epoch from {@link #rng}. */
    int[] order;
    SplittableRandom rng;
    /** Epochs completed so far. */
    int epochsDone;
    /** The rate the next epoch trains with. */
    double rate;
    /** Null for plain SGD without clipping, which the generated class steps itself. */
    final OptimizerStep stepper;
    /** Null without early stopping. */
    final EarlyStopper stopper;
    /** True once early stopping ended the run. */
    boolean stopped;
    /** True once this run took a step (the loss of the batch before was finite). */
    private boolean stepped;
    /** Finds the step that broke a parameter, from copies taken every few thousand samples. */
    private final DivergenceWatch watch;
    final List<EpochResult> history = new ArrayList<>();

    TrainingRun(Training settings, Network net, Dataset data, Dataset test,
                EpochListener listener) {
        this.settings = settings;
        this.net = net;
        this.test = test;
        this.listener = listener;
        Evaluation.checkWidths(net, data);
        if (test != null) {
            Evaluation.checkWidths(net, test);
        }
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException(data.source() + " has no rows to train on");
        }
        if (settings.validationSplit() > 0) {
            int held = Math.max(1, (int) Math.floor(settings.validationSplit() * n));
            if (held >= n) {
                throw new IllegalArgumentException("validation split " + settings.validationSplit()
                        + " of " + data.source() + " (" + n + " rows) leaves no rows to train on");
            }
            train = slice(data, 0, n - held, "");
            validation = slice(data, n - held, n, " (validation rows)");
        } else {
            train = data;
            validation = null;
        }
        boolean runtimeStep = !settings.optimizer().plainSgd() || settings.gradientClip() > 0;
        if (runtimeStep && !(net instanceof GeneratedNetwork)) {
            throw new IllegalArgumentException(settings.optimizer() + " and gradient clipping"
                    + " need a generated network (a GeneratedNetwork), not a "
                    + net.getClass().getName());
        }
        stepper = runtimeStep ? new OptimizerStep((GeneratedNetwork) net, settings.optimizer(),
                settings.gradientClip()) : null;
        stopper = settings.earlyStopping() != null
                ? new EarlyStopper(settings.earlyStopping()) : null;
        order = new int[train.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        rng = ShuffleOrder.random(settings.seed());
        rate = settings.learningRate();
        watch = new DivergenceWatch(net, stepper, settings.batchSize());
    }

    private static Dataset slice(Dataset data, int from, int to, String suffix) {
        return new Dataset(data.source() + suffix, data.inputWidth(), data.targetWidth(),
                Arrays.copyOfRange(data.inputs(), from, to),
                Arrays.copyOfRange(data.targets(), from, to));
    }

    List<EpochResult> run() {
        if (settings.resumeFrom() != null) {
            Checkpoint.restore(this, settings.resumeFrom());
        }
        ParallelTrainer trainer = null;
        int batchSize = settings.batchSize();
        if (net instanceof GeneratedNetwork && batchSize > ParallelTrainer.CHUNK_SIZE) {
            // No more threads than a batch has chunks: the others would find no work.
            int chunks = (Math.min(batchSize, train.size()) + ParallelTrainer.CHUNK_SIZE - 1)
                    / ParallelTrainer.CHUNK_SIZE;
            trainer = new ParallelTrainer((GeneratedNetwork) net,
                    Math.min(settings.threads(), chunks));
        }
        try {
            while (!stopped && epochsDone < settings.epochs()) {
                epoch(trainer);
            }
        } finally {
            if (trainer != null) {
                trainer.close();
            }
        }
        if (stopper != null) {
            stopper.restore(net);
        }
        return history;
    }

    private void epoch(ParallelTrainer trainer) {
        int epoch = epochsDone + 1;
        int n = order.length;
        long start = System.nanoTime();
        if (settings.shuffle()) {
            ShuffleOrder.shuffle(order, rng);
        }
        double lossSum = 0;
        int reportedPercent = 0;
        int batch = 0;
        int batchSize = settings.batchSize();
        watch.epochStarted();
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            batch++;
            double batchLoss = step(trainer, from, count);
            if (!isFinite(batchLoss)) {
                String what = "the loss is " + (Double.isNaN(batchLoss) ? "NaN" : "infinite");
                if (!stepped) {
                    throw DivergenceException.beforeAnyStep(epoch, batch, what);
                }
                // an earlier step may have broken a parameter that this batch's loss then read
                throw diverged(trainer, epoch, batch - 1,
                        new DivergenceException(epoch, batch, what, rate));
            }
            stepped = true;
            lossSum += batchLoss;
            int done = from + count;
            int percent = (int) (100L * done / n);
            if (listener != null && percent > reportedPercent) {
                listener.progress(epoch, done, n);
                reportedPercent = percent;
            }
            if (watch.due(batch) && watch.copyIfFinite(batch) != null) {
                throw diverged(trainer, epoch, batch, null);
            }
        }
        if (watch.epochEnded(batch) != null) {
            throw diverged(trainer, epoch, batch, null);
        }
        long trainNanos = Math.max(1, System.nanoTime() - start);
        boolean classifier = net.classifier();
        double trainAccuracy = classifier ? Evaluation.accuracy(net, train) : Double.NaN;
        double validationLoss = validation != null
                ? Evaluation.meanLoss(net, validation) : Double.NaN;
        double validationAccuracy = validation != null && classifier
                ? Evaluation.accuracy(net, validation) : Double.NaN;
        double testLoss = test != null ? Evaluation.meanLoss(net, test) : Double.NaN;
        double testAccuracy = test != null && classifier
                ? Evaluation.accuracy(net, test) : Double.NaN;
        EpochResult result = new EpochResult(epoch, settings.epochs(), lossSum / n,
                trainAccuracy, testLoss, testAccuracy, n * 1e9 / trainNanos,
                System.nanoTime() - start, rate, validationLoss, validationAccuracy);
        history.add(result);
        if (stopper != null && stopper.epochEnded(epoch, validationLoss, net)) {
            stopped = true;
        }
        rate = settings.schedule().next(rate, settings.learningRate(), epoch);
        epochsDone = epoch;
        if (settings.checkpoint() != null) {
            Checkpoint.write(this, settings.checkpoint());
        }
        if (listener != null) {
            listener.epochFinished(result);
        }
    }

    /** Trains one batch at the current rate; returns the sum of its samples' losses. */
    private double step(ParallelTrainer trainer, int from, int count) {
        double[][] xs = train.inputs();
        double[][] ts = train.targets();
        if (stepper == null) {
            return trainer != null
                    ? trainer.trainBatch(xs, ts, order, from, count, rate)
                    : net.trainBatch(xs, ts, order, from, count, rate);
        }
        if (trainer != null) {
            return trainer.stepBatch(xs, ts, order, from, count, stepper, rate);
        }
        GeneratedNetwork generated = (GeneratedNetwork) net;
        generated.checkBatch(xs, ts, order, from, count);
        double lossSum = generated.accumulate(xs, ts, order, from, count);
        if (isFinite(lossSum)) {
            stepper.step(count, rate);
        }
        return lossSum;
    }

    /**
     * The divergence to report once something was seen at batch {@code upTo} or after it: the
     * first batch up to {@code upTo} whose step left a parameter NaN or infinite (found by
     * replaying from the last clean copy), else {@code seen} (a loss that is not finite).
     */
    private DivergenceException diverged(ParallelTrainer trainer, int epoch, int upTo,
                                         DivergenceException seen) {
        int batchSize = settings.batchSize();
        DivergenceWatch.Found found = watch.replay(upTo, b -> step(trainer, (b - 1) * batchSize,
                Math.min(batchSize, order.length - (b - 1) * batchSize)));
        if (found != null) {
            return new DivergenceException(epoch, found.batch, "its step left parameter "
                    + found.parameter + " NaN or infinite (the batch's loss was finite)", rate);
        }
        return seen != null ? seen : new DivergenceException(epoch, upTo, "a parameter is no"
                + " longer finite", rate);
    }

    private static boolean isFinite(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }
}
