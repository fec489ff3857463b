package dev.chainrule.spark;

import dev.chainrule.description.TrainingSpec;

/**
 * How synchronous training turns one global batch's summed gradient into new parameters, in
 * every barrier task alike: the single place an optimizer plugs in. Every epoch's tasks start
 * from a fresh copy, so an update with state between steps (momentum, Adam's moments) would have
 * to hand its state back with the weights at the epoch's end; plain SGD has none.
 *
 * <pre>{@code
 * ParameterUpdate sgd = ParameterUpdate.forTraining(spec.training());
 * sgd.apply(parameters, gradientSum, 128);   // w -= lr / 128 * sum
 * }</pre>
 */
interface ParameterUpdate extends java.io.Serializable {

    /**
     * Updates {@code parameters} in place.
     *
     * @param parameters every parameter, row-major, in the network's parameter order
     * @param gradientSum the sum of the batch's per-sample gradients, shaped like parameters
     * @param batchSize how many samples the sum covers
     */
    void apply(double[][] parameters, double[][] gradientSum, int batchSize);

    /**
     * The update the description's {@code training} section asks for: plain SGD, the runtime's
     * {@code Network.trainBatch}: {@code w -= learningRate / batchSize * sum}.
     *
     * @throws IllegalArgumentException for settings synchronous mode does not implement yet
     */
    static ParameterUpdate forTraining(TrainingSpec training) {
        // Refuse what this mode cannot do yet rather than train something else quietly.
        if (!training.optimizer().plainSgd()
                || training.schedule().type() != dev.chainrule.runtime.Schedule.Type.CONSTANT
                || training.gradientClip() > 0 || training.validationSplit() > 0
                || training.earlyStopping() != null) {
            throw new IllegalArgumentException("Spark training steps with plain SGD at a"
                    + " constant rate so far (optimizer sgd without momentum or weight decay; no"
                    + " schedule, gradient_clip, validation_split or early_stopping); got "
                    + training.optimizer().type().spelling() + (training.optimizer().plainSgd()
                            ? " with other training settings" : ""));
        }
        return new Sgd(training.learningRate());
    }

    /** {@code w -= (learningRate / batchSize) * sum}: the mean gradient's step, as generated. */
    record Sgd(double learningRate) implements ParameterUpdate {
        @Override
        public void apply(double[][] parameters, double[][] gradientSum, int batchSize) {
            double step = learningRate / batchSize;
            for (int p = 0; p < parameters.length; p++) {
                double[] w = parameters[p];
                double[] g = gradientSum[p];
                for (int i = 0; i < w.length; i++) {
                    w[i] -= step * g[i];
                }
            }
        }
    }
}
