package dev.chainrule.runtime;

/**
 * A hand-written stand-in for a generated trainer: one dense layer {@code y = W x + b} with loss
 * {@code 0.5 * sum((y - t)^2)}. Storage follows the generated code's conventions (one array per
 * row, {@code out_in} or {@code in_out}, float or double), so it exercises
 * {@link GeneratedNetwork} exactly as a generated class would. Float accumulators round every
 * addition to float, as generated float code does.
 */
class TinyNet extends GeneratedNetwork {

    private final int in;
    private final int out;
    private final boolean transposed;
    private final String weightInitializer;
    private final Object[] weight;
    private final Object bias;
    private final Object[] weightGradient;
    private final Object biasGradient;
    private final double[] x;
    private final double[] y;

    /** A 2-input, 1-output double network with {@code out_in} storage. */
    TinyNet() {
        this(2, 1, "out_in", true, false, "glorot_uniform");
    }

    TinyNet(int in, int out, String layout, boolean doublePrecision, boolean classifier,
            String weightInitializer) {
        super("tiny", in, out, doublePrecision, classifier, new ParameterLayout[] {
            layout.equals("in_out") ? ParameterLayout.inOut("fc.weight", out, in, weightInitializer)
                    : ParameterLayout.outIn("fc.weight", out, in, weightInitializer),
            ParameterLayout.vector("fc.bias", out, "zeros")});
        Object[] parameters = allocate(in, out, layout, doublePrecision);
        Object[] gradients = allocate(in, out, layout, doublePrecision);
        this.in = in;
        this.out = out;
        this.transposed = layout.equals("in_out");
        this.weightInitializer = weightInitializer;
        this.weight = (Object[]) parameters[0];
        this.bias = parameters[1];
        this.weightGradient = (Object[]) gradients[0];
        this.biasGradient = gradients[1];
        this.x = new double[in];
        this.y = new double[out];
        bind(parameters, gradients);
    }

    /**
     * A new instance with this one's shape, as {@link ParallelTrainer} needs for replicas;
     * subclasses get the default, their no-arg constructor, as generated classes do.
     */
    @Override
    GeneratedNetwork newReplica() {
        if (getClass() != TinyNet.class) {
            return super.newReplica();
        }
        return new TinyNet(in, out, transposed ? "in_out" : "out_in", doublePrecision(),
                classifier(), weightInitializer);
    }

    private static Object[] allocate(int in, int out, String layout, boolean doublePrecision) {
        int rows = layout.equals("in_out") ? in : out;
        int cols = layout.equals("in_out") ? out : in;
        Object[] weight = new Object[rows];
        for (int r = 0; r < rows; r++) {
            weight[r] = doublePrecision ? new double[cols] : new float[cols];
        }
        Object bias = doublePrecision ? new double[out] : new float[out];
        return new Object[] {weight, bias};
    }

    @Override
    protected void forward(double[] input) {
        System.arraycopy(input, 0, x, 0, in);
        for (int o = 0; o < out; o++) {
            double sum = get(bias, o);
            for (int i = 0; i < in; i++) {
                sum += w(weight, o, i) * x[i];
            }
            y[o] = sum;
        }
    }

    @Override
    protected double lossOf(double[] t) {
        double loss = 0;
        for (int o = 0; o < out; o++) {
            double d = y[o] - t[o];
            loss += 0.5 * d * d;
        }
        return loss;
    }

    @Override
    protected void output(double[] result) {
        System.arraycopy(y, 0, result, 0, out);
    }

    @Override
    protected void backward(double[] t) {
        for (int o = 0; o < out; o++) {
            double delta = y[o] - t[o];
            add(biasGradient, o, delta);
            for (int i = 0; i < in; i++) {
                add(transposed ? weightGradient[i] : weightGradient[o], transposed ? o : i,
                        delta * x[i]);
            }
        }
    }

    @Override
    protected void update(double step) {
        for (int o = 0; o < out; o++) {
            add(bias, o, -step * get(biasGradient, o));
            for (int i = 0; i < in; i++) {
                add(transposed ? weight[i] : weight[o], transposed ? o : i,
                        -step * w(weightGradient, o, i));
            }
        }
        clearGradients();
    }

    @Override
    protected void clearGradients() {
        for (Object row : weightGradient) {
            clear(row);
        }
        clear(biasGradient);
    }

    /** Element [o][i] of a weight-shaped array in this network's layout. */
    private double w(Object[] rows, int o, int i) {
        return transposed ? get(rows[i], o) : get(rows[o], i);
    }

    private static double get(Object row, int index) {
        return row instanceof float[] ? ((float[]) row)[index] : ((double[]) row)[index];
    }

    private static void clear(Object row) {
        if (row instanceof float[]) {
            java.util.Arrays.fill((float[]) row, 0f);
        } else {
            java.util.Arrays.fill((double[]) row, 0.0);
        }
    }

    private static void add(Object row, int index, double value) {
        if (row instanceof float[]) {
            ((float[]) row)[index] += (float) value;
        } else {
            ((double[]) row)[index] += value;
        }
    }
}
