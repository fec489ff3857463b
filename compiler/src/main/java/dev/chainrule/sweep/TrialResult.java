package dev.chainrule.sweep;

import java.io.Serializable;

/**
 * What one trial ended with, after its last epoch: training loss and accuracy, test loss and
 * accuracy (NaN when not measured: accuracies for classifiers only, test figures with a test
 * set), and the trained weights as {@code --save-weights} JSON.
 */
public record TrialResult(Trial trial, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy, String weightsJson) implements Serializable {
}
