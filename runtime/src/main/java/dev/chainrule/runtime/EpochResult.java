package dev.chainrule.runtime;

import java.util.Locale;

/**
 * What one epoch of {@link Training} achieved, measured after its last step.
 *
 * <pre>{@code
 * EpochResult last = training.run(net, train, test, null).get(training.epochs() - 1);
 * System.out.println(last.testAccuracy());   // 0.9712
 * }</pre>
 */
public final class EpochResult {

    private final int epoch;
    private final int epochs;
    private final double meanLoss;
    private final double trainAccuracy;
    private final double testLoss;
    private final double testAccuracy;
    private final double samplesPerSecond;
    private final long elapsedNanos;
    private final double learningRate;
    private final double validationLoss;
    private final double validationAccuracy;

    /** A result without learning rate or validation figures (NaN). */
    public EpochResult(int epoch, int epochs, double meanLoss, double trainAccuracy,
                       double testLoss, double testAccuracy, double samplesPerSecond,
                       long elapsedNanos) {
        this(epoch, epochs, meanLoss, trainAccuracy, testLoss, testAccuracy, samplesPerSecond,
                elapsedNanos, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * @param learningRate the rate the epoch trained with
     * @param validationLoss NaN without a validation split
     * @param validationAccuracy NaN without a validation split or unless a classifier
     */
    public EpochResult(int epoch, int epochs, double meanLoss, double trainAccuracy,
                       double testLoss, double testAccuracy, double samplesPerSecond,
                       long elapsedNanos, double learningRate, double validationLoss,
                       double validationAccuracy) {
        this.learningRate = learningRate;
        this.validationLoss = validationLoss;
        this.validationAccuracy = validationAccuracy;
        this.epoch = epoch;
        this.epochs = epochs;
        this.meanLoss = meanLoss;
        this.trainAccuracy = trainAccuracy;
        this.testLoss = testLoss;
        this.testAccuracy = testAccuracy;
        this.samplesPerSecond = samplesPerSecond;
        this.elapsedNanos = elapsedNanos;
    }

    /** This epoch's number, from 1. */
    public int epoch() {
        return epoch;
    }

    /** How many epochs the run has in all. */
    public int epochs() {
        return epochs;
    }

    /**
     * Mean training loss over the epoch's samples, each measured just before the step its batch
     * took (as Keras and PyTorch loops report it), so it lags the final weights slightly.
     */
    public double meanLoss() {
        return meanLoss;
    }

    /** Accuracy on the training set with the epoch's final weights; NaN unless a classifier. */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    /** Mean loss on the test set with the final weights; NaN without a test set. */
    public double testLoss() {
        return testLoss;
    }

    /** Accuracy on the test set; NaN without a test set or unless a classifier. */
    public double testAccuracy() {
        return testAccuracy;
    }

    /** Training speed: samples over the time spent in training steps, evaluation excluded. */
    public double samplesPerSecond() {
        return samplesPerSecond;
    }

    /** The learning rate this epoch trained with (after the schedule); NaN if unknown. */
    public double learningRate() {
        return learningRate;
    }

    /** Mean loss over the validation rows with the epoch's final weights; NaN without. */
    public double validationLoss() {
        return validationLoss;
    }

    /** Accuracy on the validation rows; NaN without a split or unless a classifier. */
    public double validationAccuracy() {
        return validationAccuracy;
    }

    /** Wall time of the whole epoch, evaluation included. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /**
     * One line, for example
     * {@code epoch 3/10 loss 0.123456 train 95.20% test 94.10% 81234 samples/s}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "epoch %d/%d loss %s", epoch, epochs,
                Numbers.readable(meanLoss)));
        if (!Double.isNaN(trainAccuracy)) {
            s.append(String.format(Locale.ROOT, " train %.2f%%", 100 * trainAccuracy));
        }
        if (!Double.isNaN(validationLoss)) {
            s.append(" val loss ").append(Numbers.readable(validationLoss));
        }
        if (!Double.isNaN(validationAccuracy)) {
            s.append(String.format(Locale.ROOT, " val %.2f%%", 100 * validationAccuracy));
        }
        if (!Double.isNaN(testAccuracy)) {
            s.append(String.format(Locale.ROOT, " test %.2f%%", 100 * testAccuracy));
        } else if (!Double.isNaN(testLoss)) {
            s.append(" test loss ").append(Numbers.readable(testLoss));
        }
        s.append(String.format(Locale.ROOT, " %.0f samples/s", samplesPerSecond));
        return s.toString();
    }
}
