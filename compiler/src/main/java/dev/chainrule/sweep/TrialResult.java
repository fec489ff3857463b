package dev.chainrule.sweep;

import java.io.Serializable;

/**
 * What one trial ended with, after its last epoch: training loss and accuracy, test loss and
 * accuracy (NaN when not measured: accuracies for classifiers only, test figures with a test
 * set), and the trained weights as {@code --save-weights} JSON; or, for a trial whose training
 * diverged, the divergence message instead (the sweep goes on with the other trials).
 */
public record TrialResult(Trial trial, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy, String weightsJson, String divergence)
        implements Serializable {

    /** A trial that trained to its last epoch. */
    public TrialResult(Trial trial, double trainLoss, double trainAccuracy, double testLoss,
                       double testAccuracy, String weightsJson) {
        this(trial, trainLoss, trainAccuracy, testLoss, testAccuracy, weightsJson, null);
    }

    /** A trial whose training diverged: no figures, no weights, and what was seen. */
    public static TrialResult diverged(Trial trial, String divergence) {
        return new TrialResult(trial, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                divergence);
    }

    public boolean isDiverged() {
        return divergence != null;
    }
}
