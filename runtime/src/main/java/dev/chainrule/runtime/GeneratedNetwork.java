package dev.chainrule.runtime;

/**
 * Base class of every generated trainer. The generated subclass holds the math, specialized to
 * its sizes: {@link #forward}, {@link #lossOf}, {@link #output}, {@link #backward},
 * {@link #update}. This class holds what is the same for every network: the sample loops and
 * parameter access, so the generated code stays small and readable.
 *
 * <p>Parameter storage is one array per row ({@code float[][]} or {@code double[][]} for a
 * weight, {@code float[]} or {@code double[]} for a bias). A weight is stored either as
 * {@code [out][in]} ({@code out_in}) or transposed as {@code [in][out]} ({@code in_out}), as the
 * generated code's loops prefer; {@link #getParameter} always speaks {@code [out][in]}.
 *
 * <p>{@link ParallelTrainer} runs several instances of a class as replicas, which asks two
 * things of the generated code. Replicas share weight rows (their outer arrays hold the same
 * row objects), so the code reads a row through its bound outer array when it needs it (a local
 * such as {@code float[] row = w1[i]} is fine) and never keeps row references in fields of its
 * own. And some replicas keep their own copy of the parameters and take every step themselves,
 * so {@link #update} depends on nothing but the parameters, the accumulators and the step: the
 * copies stay identical only if equal inputs give equal results. Optimizers with state
 * (momentum, Adam) do not use {@link #update}: the runtime's {@code OptimizerStep} updates this
 * instance's bound arrays from the accumulators, and the replicas copy the result.
 *
 * <p>The shape of a generated subclass:
 * <pre>{@code
 * public final class Iris extends GeneratedNetwork {
 *     private final float[][] w1 = new float[4][8], gw1 = new float[4][8]; // layer1.weight
 *     private final float[] b1 = new float[8], gb1 = new float[8];   // ... further layers
 *
 *     private static final ParameterLayout[] PARAMETERS = {
 *             ParameterLayout.inOut("layer1.weight", 8, 4, "glorot_uniform"),
 *             ParameterLayout.vector("layer1.bias", 8, "zeros"), ...};
 *
 *     public Iris() {
 *         super("iris", 4, 3, false, true, PARAMETERS);
 *         bind(new Object[] {w1, b1, ...}, new Object[] {gw1, gb1, ...});
 *         unpackParameters(new String[] {"AAAAAD8A...", ...});   // only with baked weights
 *     }
 *
 *     protected void forward(double[] x) { ... }      // and lossOf, output, backward, ...
 * }
 * }</pre>
 */
public abstract class GeneratedNetwork implements Network {

    private final String name;
    private final int inputSize;
    private final int outputSize;
    private final boolean doublePrecision;
    private final boolean classifier;
    private final ParameterLayout[] layouts;
    private Object[] parameters;
    private Object[] gradients;
    /** Per parameter, its accumulator's {@link RowMarks}, or null. */
    private int[][] rowMarks;
    /**
     * True while the accumulators may hold a gradient that {@link #update} has not consumed:
     * after {@link #computeGradient} (kept for {@link #getGradient}) or a batch that failed
     * half-way. {@link #trainBatch} then clears them first, instead of paying a clear per batch.
     */
    private boolean gradientsHeld;
    /** Changes whenever parameter values may have changed, for {@link ParallelTrainer}. */
    private int parameterVersion;

    /**
     * @param parameters one layout per parameter, in the order of the {@link #bind} arrays (the
     *     generated class's static {@code PARAMETERS}); kept, not copied
     */
    protected GeneratedNetwork(String name, int inputSize, int outputSize, boolean doublePrecision,
                               boolean classifier, ParameterLayout[] parameters) {
        this.name = name;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.doublePrecision = doublePrecision;
        this.classifier = classifier;
        this.layouts = parameters;
    }

    /**
     * Hands over the subclass's parameter arrays and gradient accumulators, in the order of the
     * parameter spec. Called once from the generated constructor, after its fields exist.
     */
    protected final void bind(Object[] parameters, Object[] gradients) {
        if (layouts.length != parameters.length || layouts.length != gradients.length) {
            throw new IllegalArgumentException("parameter spec names " + layouts.length
                    + " parameters but " + parameters.length + " arrays were given");
        }
        this.parameters = parameters;
        this.gradients = gradients;
        this.rowMarks = new int[parameters.length][];
    }

    /**
     * {@link #bind(Object[], Object[])}, plus per parameter the {@code int[]} of its
     * accumulator's {@link RowMarks}, or null.
     */
    protected final void bind(Object[] parameters, Object[] gradients, Object[] rowMarks) {
        bind(parameters, gradients);
        this.rowMarks = RowMarks.of(layouts, gradients, rowMarks);
    }

    /**
     * Sets every parameter from weights baked into the generated class, in the format
     * {@link BakedParameters} reads. Called from the generated constructor after {@link #bind}. String chunks, decoded once, keep the constructor a few bytes per chunk where
     * array initializers would take about 7 bytes of bytecode per value.
     *
     * @throws IllegalStateException if the chunks are not Base64 of exactly that many values
     */
    protected final void unpackParameters(String[] chunks) {
        if (parameters == null) {
            throw new IllegalStateException(name + ": unpackParameters called before bind");
        }
        double[][] values = BakedParameters.decode(name, chunks, layouts, doublePrecision);
        for (int p = 0; p < layouts.length; p++) {
            layouts[p].write(parameters[p], values[p]);
        }
        parameterVersion++;
        parametersChanged();
    }

    /** Loads {@code x} and computes every activation, keeping them for the other steps. */
    protected abstract void forward(double[] x);

    /** The loss of the last {@link #forward} against target {@code t}. */
    protected abstract double lossOf(double[] t);

    /** Writes the output of the last {@link #forward} into {@code y}. */
    protected abstract void output(double[] y);

    /** Back-propagates from target {@code t} and adds the gradient into the accumulators. */
    protected abstract void backward(double[] t);

    /**
     * One sample's SGD step after {@link #forward}: back-propagates from {@code t} and applies
     * {@code w -= step * gradient} directly, leaving the accumulators untouched (zero). Generated
     * classes fuse the two, skipping the accumulator pass; this default is the plain sequence.
     */
    protected void backwardAndUpdate(double[] t, double step) {
        backward(t);
        update(step);
    }

    /**
     * Tells the generated code that parameter values changed outside its own methods
     * ({@link #setParameter}, unpacking, {@link ParallelTrainer} writing a replica's rows): a
     * class that keeps a derived copy of its weights (a mirror for {@code Wᵀδ}) refreshes it
     * before using it again.
     */
    protected void parametersChanged() {}

    /**
     * Adds into the accumulators whatever {@link #backward} held back (a generated class may
     * keep a few samples' gradients of a large layer and add them a block at a time, the same
     * bits as sample by sample). Called after the last {@code backward} of a batch or chunk,
     * before anything reads the accumulators; {@link #update} finishes on its own.
     */
    protected void finishGradients() {}

    /**
     * tanh for generated code, which calls it unqualified (it is inherited): {@link Tanh#tanh},
     * because {@code Math.tanh} is not a C2 intrinsic on JDK 17.
     */
    protected static double tanh(double x) {
        return Tanh.tanh(x);
    }

    /** {@link NonZeroIndices#list}, for generated code, which calls it unqualified. */
    protected static int listNonZeros(double[] x, int from, int length, int[] indices) {
        return NonZeroIndices.list(x, from, length, indices);
    }

    /** {@code w -= step * gradient} for every parameter, then clears the accumulators. */
    protected abstract void update(double step);

    /** Sets every gradient accumulator to zero. */
    protected abstract void clearGradients();

    @Override public final String name() { return name; }
    @Override public final int inputSize() { return inputSize; }
    @Override public final int outputSize() { return outputSize; }
    @Override public final boolean doublePrecision() { return doublePrecision; }
    @Override public final boolean classifier() { return classifier; }

    @Override
    public final String[] parameterNames() {
        String[] names = new String[layouts.length];
        for (int p = 0; p < layouts.length; p++) {
            names[p] = layouts[p].name;
        }
        return names;
    }

    @Override
    public final int[] parameterShape(String parameter) {
        return layouts[indexOf(parameter)].shape();
    }

    @Override
    public final String initializer(String parameter) {
        return layouts[indexOf(parameter)].initializer;
    }

    @Override
    public final double[] getParameter(String parameter) {
        int p = indexOf(parameter);
        return layouts[p].read(parameters[p]);
    }

    @Override
    public final void setParameter(String parameter, double[] values) {
        int p = indexOf(parameter);
        parameterVersion++;
        layouts[p].write(parameters[p], values);
        parametersChanged();
    }

    @Override
    public final double[] getGradient(String parameter) {
        int p = indexOf(parameter);
        return layouts[p].read(gradients[p]);
    }

    @Override
    public final void predict(double[] x, double[] y) {
        checkWidth("input", x, inputSize);
        checkWidth("output", y, outputSize);
        forward(x);
        output(y);
    }

    @Override
    public final double loss(double[] x, double[] t) {
        checkWidth("input", x, inputSize);
        checkWidth("target", t, targetSize());
        forward(x);
        return lossOf(t);
    }

    @Override
    public final double computeGradient(double[] x, double[] t) {
        checkWidth("input", x, inputSize);
        checkWidth("target", t, targetSize());
        clearGradients();
        forward(x);
        double loss = lossOf(t);
        backward(t);
        finishGradients();
        gradientsHeld = true;
        return loss;
    }

    @Override
    public final double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                                   double learningRate) {
        // Check every row before touching the accumulators, so a bad row leaves no half batch.
        checkBatch(xs, ts, order, from, count);
        if (count == 1) {
            if (gradientsHeld) {
                clearGradients();
            }
            gradientsHeld = true;
            int k = order[from];
            forward(xs[k]);
            double loss = lossOf(ts[k]);
            parameterVersion++;
            backwardAndUpdate(ts[k], learningRate);
            gradientsHeld = false;
            return loss;
        }
        double lossSum = accumulate(xs, ts, order, from, count);
        // Mean gradient: one scale folded into the step, so batch 1 is exactly w -= lr * g.
        applyStep(learningRate / count);
        return lossSum;
    }

    // ---- Hooks for ParallelTrainer: same package only, invisible to generated subclasses ----

    /**
     * Checks a batch's bounds and the width of every row it names, so a bad row fails before any
     * accumulator or parameter changes.
     */
    final void checkBatch(double[][] xs, double[][] ts, int[] order, int from, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a batch needs at least one sample, got " + count);
        }
        for (int s = from; s < from + count; s++) {
            checkWidth("input", xs[order[s]], inputSize);
            checkWidth("target", ts[order[s]], targetSize());
        }
    }

    /**
     * Adds the gradients of samples {@code order[from] .. order[from + count - 1]}, in that order,
     * into accumulators that start at zero (cleared first if a gradient is still held), and
     * leaves them held. Parameters are unchanged. Rows must have been checked
     * ({@link #checkBatch}). Returns the sum of the samples' losses, in the same order.
     */
    final double accumulate(double[][] xs, double[][] ts, int[] order, int from, int count) {
        if (gradientsHeld) {
            clearGradients();
        }
        gradientsHeld = true;
        double lossSum = 0;
        for (int s = from; s < from + count; s++) {
            int k = order[s];
            forward(xs[k]);
            lossSum += lossOf(ts[k]);
            backward(ts[k]);
        }
        finishGradients();
        return lossSum;
    }

    /** {@code w -= step * accumulators}, which {@link #update} leaves cleared. */
    final void applyStep(double step) {
        parameterVersion++;
        update(step);
        gradientsHeld = false;
    }

    /**
     * Records that something outside the generated code (an {@link OptimizerStep}) has updated
     * the parameters from the accumulators and left these zero: bumps the version and tells the
     * generated code ({@link #parametersChanged()}).
     */
    final void stepTaken() {
        parameterVersion++;
        gradientsHeld = false;
        parametersChanged();
    }

    /**
     * Records what the caller did to the accumulators through {@link #gradientArrays()}:
     * zeroed every one ({@code false}) or left a gradient for {@link #applyStep} ({@code true}).
     */
    final void gradientsHeld(boolean held) {
        gradientsHeld = held;
    }

    /**
     * A number that changes whenever this instance's parameter values may have changed
     * ({@link #setParameter}, {@link #trainBatch}, {@link #applyStep}): while it stays the same,
     * copies of the values stay current.
     */
    final int parameterVersion() {
        return parameterVersion;
    }

    /** The layouts of the parameters, in parameter-spec order (shared: do not modify). */
    final ParameterLayout[] layouts() {
        return layouts;
    }

    /**
     * The parameter arrays as bound: per parameter a {@code float[][]}/{@code double[][]} of rows
     * (weights) or a {@code float[]}/{@code double[]} (biases). Live, not copies.
     */
    final Object[] parameterArrays() {
        return parameters;
    }

    /** The gradient accumulators as bound, shaped like {@link #parameterArrays()}. Live. */
    final Object[] gradientArrays() {
        return gradients;
    }

    /** The accumulators' row marks as bound: per parameter an {@code int[]} or null. Live. */
    final int[][] rowMarks() {
        return rowMarks;
    }

    /**
     * A new instance of this network with its own activations and accumulators, for
     * {@link ParallelTrainer}'s replicas; its parameter values do not matter. The default calls
     * the class's no-arg constructor, which every generated class has. Package-private, so
     * generated classes neither see nor override it; hand-written test networks may.
     *
     * @throws IllegalStateException if the class has no usable no-arg constructor
     */
    GeneratedNetwork newReplica() {
        return Replicas.byConstructor(this);
    }

    private int indexOf(String parameter) {
        for (int p = 0; p < layouts.length; p++) {
            if (layouts[p].name.equals(parameter)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter '" + parameter + "' in " + name);
    }

    private static void checkWidth(String what, double[] row, int expected) {
        if (row.length != expected) {
            throw new IllegalArgumentException(what + " row has " + row.length
                    + " values, expected " + expected);
        }
    }
}
