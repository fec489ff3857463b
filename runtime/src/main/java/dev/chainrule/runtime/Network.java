package dev.chainrule.runtime;

/**
 * A trainer that Chainrule generated for one fixed network. Every generated class implements it;
 * the runtime's {@link Training} loop, the CLI and embedding apps use nothing else.
 *
 * <p>Parameters are named {@code <layer>.weight} (shape [out][in], like PyTorch's
 * {@code Linear.weight}) and {@code <layer>.bias} (shape [out]); values cross this interface
 * flattened row-major as {@code double[]}, whatever the network's precision.
 *
 * <pre>{@code
 * Network net = new Iris();                       // generated class
 * double loss = net.trainBatch(xs, ts, order, 0, 32, 0.01);
 * double[] y = new double[net.outputSize()];
 * net.predict(xs[0], y);
 * }</pre>
 *
 * <p>Instances are not thread-safe; use one per thread.
 */
public interface Network {

    /** The description's {@code name}. */
    String name();

    /** Width of one input row. */
    int inputSize();

    /** Width of the network's output (and of a dense target row). */
    int outputSize();

    /**
     * Width of one target row: the output's width for a layer network; a graph's targets may
     * differ from its output.
     */
    default int targetSize() {
        return outputSize();
    }

    /** {@code true} for {@code precision: double}, {@code false} for float. */
    boolean doublePrecision();

    /** True when the loss is softmax cross-entropy: outputs are class probabilities. */
    boolean classifier();

    /** Parameter names, in declaration order: for each layer its weight, then its bias. */
    String[] parameterNames();

    /** Shape of a parameter: {@code {out, in}} for a weight, {@code {out}} for a bias. */
    int[] parameterShape(String name);

    /**
     * The initializer the description chose for a parameter, such as {@code glorot_uniform},
     * {@code he_normal}, {@code zeros} or {@code normal(std=0.02)}. {@link Initializer} draws the
     * starting values from it.
     */
    String initializer(String parameter);

    /** A row-major copy of a parameter's values. */
    double[] getParameter(String name);

    /** Replaces a parameter's values (row-major; length must match its shape). */
    void setParameter(String name, double[] values);

    /**
     * A row-major copy of the gradient left by the last {@link #computeGradient} call (zeros
     * once a {@link #trainBatch} has run since: a step consumes the accumulators).
     */
    double[] getGradient(String name);

    /** Forward pass: writes the network's output for {@code x} into {@code y}. */
    void predict(double[] x, double[] y);

    /** Forward pass and loss for one sample; parameters are unchanged. */
    double loss(double[] x, double[] t);

    /**
     * Gradient of the loss of one sample with respect to every parameter, kept for
     * {@link #getGradient}; parameters are unchanged. Returns the sample's loss.
     */
    double computeGradient(double[] x, double[] t);

    /**
     * One SGD step over the samples {@code order[from] .. order[from + count - 1]}: the gradient
     * is the mean over those samples, then {@code w -= learningRate * gradient}.
     * Returns the sum of the samples' losses before the step.
     */
    double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                      double learningRate);
}
