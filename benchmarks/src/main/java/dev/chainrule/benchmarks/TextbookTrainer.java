package dev.chainrule.benchmarks;

import dev.chainrule.runtime.Network;

/**
 * The baseline of PERFORMANCE.md: a plain, hand-written multilayer-perceptron trainer as a
 * textbook writes it. Float weights {@code W[out][in]}, forward as dot products of weight rows
 * with the layer input, backward with a dot product down each weight column, derivatives
 * computed from the pre-activations, a gradient pass that accumulates into separate arrays, then
 * an update pass. Nothing clever: no zero skipping, no fusion, no layout choice per layer.
 *
 * <p>Same contract as {@link Network#trainBatch}: one SGD step on the mean gradient over the
 * batch, returns the summed loss before the step. Losses: {@code ½ Σ (y − t)²} and softmax
 * cross-entropy ({@code −Σ t log softmax(z)}).
 */
public final class TextbookTrainer {

    public enum Activation { IDENTITY, SIGMOID, TANH, RELU, SOFTMAX }

    public enum Loss { SQUARED_ERROR, SOFTMAX_CROSS_ENTROPY }

    private final int layers;
    private final int[] sizes;
    private final Activation[] activations;
    private final Loss loss;

    /** w[l][out][in]: weights of layer l. */
    final float[][][] w;
    /** b[l][out], or null for a layer without bias. */
    final float[][] b;
    final float[][][] gw;
    final float[][] gb;
    /** a[0] is the input, a[l + 1] the output of layer l. */
    private final float[][] a;
    /** z[l]: pre-activation of layer l. */
    private final float[][] z;
    /** delta[l]: dL/dz of layer l. */
    private final float[][] delta;

    /**
     * @param sizes layer widths, input first
     * @param activations one per layer ({@code sizes.length - 1})
     * @param bias one per layer
     */
    public TextbookTrainer(int[] sizes, Activation[] activations, boolean[] bias, Loss loss) {
        this.layers = sizes.length - 1;
        this.sizes = sizes.clone();
        this.activations = activations.clone();
        this.loss = loss;
        w = new float[layers][][];
        gw = new float[layers][][];
        b = new float[layers][];
        gb = new float[layers][];
        a = new float[layers + 1][];
        z = new float[layers][];
        delta = new float[layers][];
        a[0] = new float[sizes[0]];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = new float[out][in];
            gw[l] = new float[out][in];
            if (bias[l]) {
                b[l] = new float[out];
                gb[l] = new float[out];
            }
            z[l] = new float[out];
            a[l + 1] = new float[out];
            delta[l] = new float[out];
        }
    }

    /** The benchmark networks N1..N4. */
    public static TextbookTrainer forNetwork(String net) {
        Activation sig = Activation.SIGMOID;
        Activation relu = Activation.RELU;
        Activation soft = Activation.SOFTMAX;
        Loss ce = Loss.SOFTMAX_CROSS_ENTROPY;
        switch (net) {
            case "N1":
                return new TextbookTrainer(new int[] {2, 3, 2}, new Activation[] {sig, sig},
                        new boolean[] {false, false}, Loss.SQUARED_ERROR);
            case "N2":
                return new TextbookTrainer(new int[] {4, 8, 3},
                        new Activation[] {Activation.TANH, soft}, new boolean[] {true, true}, ce);
            case "N3":
                return new TextbookTrainer(new int[] {784, 128, 10},
                        new Activation[] {relu, soft}, new boolean[] {true, true}, ce);
            case "N4":
                return new TextbookTrainer(new int[] {784, 256, 128, 10},
                        new Activation[] {relu, relu, soft}, new boolean[] {true, true, true}, ce);
            default:
                throw new IllegalArgumentException("unknown network " + net);
        }
    }

    /**
     * Copies the parameters of a Chainrule network of the same shape (weights then bias per
     * layer, in {@link Network#parameterNames()} order, row-major {@code [out][in]}), so both
     * trainers start from the same point.
     */
    public void copyFrom(Network net) {
        int layer = -1;
        for (String name : net.parameterNames()) {
            double[] values = net.getParameter(name);
            if (name.endsWith(".weight")) {
                layer++;
                int in = sizes[layer];
                for (int o = 0; o < sizes[layer + 1]; o++) {
                    for (int i = 0; i < in; i++) {
                        w[layer][o][i] = (float) values[o * in + i];
                    }
                }
            } else {
                for (int o = 0; o < values.length; o++) {
                    b[layer][o] = (float) values[o];
                }
            }
        }
    }

    /** One SGD step over {@code order[from .. from + count - 1]}; returns the summed loss. */
    public double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                             double learningRate) {
        double lossSum = 0;
        for (int s = from; s < from + count; s++) {
            int k = order[s];
            forward(xs[k]);
            lossSum += loss(ts[k]);
            backward(ts[k]);
        }
        update((float) (learningRate / count));
        return lossSum;
    }

    /** Forward pass: z = W a + b, a' = f(z), layer by layer. */
    public void forward(double[] x) {
        float[] input = a[0];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) x[i];
        }
        for (int l = 0; l < layers; l++) {
            float[][] wl = w[l];
            float[] in = a[l];
            float[] zl = z[l];
            for (int o = 0; o < zl.length; o++) {
                float[] row = wl[o];
                float sum = 0;
                for (int i = 0; i < in.length; i++) {
                    sum += row[i] * in[i];
                }
                zl[o] = b[l] == null ? sum : sum + b[l][o];
            }
            activate(activations[l], zl, a[l + 1]);
        }
    }

    /** The network's output after {@link #forward}. */
    public float[] output() {
        return a[layers];
    }

    private static void activate(Activation f, float[] z, float[] out) {
        switch (f) {
            case IDENTITY:
                System.arraycopy(z, 0, out, 0, z.length);
                break;
            case SIGMOID:
                for (int j = 0; j < z.length; j++) {
                    out[j] = sigmoid(z[j]);
                }
                break;
            case TANH:
                for (int j = 0; j < z.length; j++) {
                    out[j] = (float) Math.tanh(z[j]);
                }
                break;
            case RELU:
                for (int j = 0; j < z.length; j++) {
                    out[j] = Math.max(z[j], 0f);
                }
                break;
            case SOFTMAX:
                float max = z[0];
                for (int j = 1; j < z.length; j++) {
                    max = Math.max(max, z[j]);
                }
                float sum = 0;
                for (int j = 0; j < z.length; j++) {
                    out[j] = (float) Math.exp(z[j] - max);
                    sum += out[j];
                }
                for (int j = 0; j < z.length; j++) {
                    out[j] /= sum;
                }
                break;
            default:
                throw new AssertionError(f);
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /** f'(z), from the pre-activation as the textbook writes it. */
    private static float derivative(Activation f, float v) {
        switch (f) {
            case IDENTITY:
                return 1;
            case SIGMOID:
                float s = sigmoid(v);
                return s * (1 - s);
            case TANH:
                float t = (float) Math.tanh(v);
                return 1 - t * t;
            case RELU:
                return v > 0 ? 1 : 0;
            default:
                throw new AssertionError(f);
        }
    }

    private double loss(double[] t) {
        float[] y = a[layers];
        float sum = 0;
        if (loss == Loss.SQUARED_ERROR) {
            for (int j = 0; j < y.length; j++) {
                float d = y[j] - (float) t[j];
                sum += d * d;
            }
            return 0.5 * sum;
        }
        for (int j = 0; j < y.length; j++) {
            if (t[j] != 0) {
                sum -= (float) t[j] * (float) Math.log(y[j]);
            }
        }
        return sum;
    }

    /** Back-propagation: deltas layer by layer, gradients added to the accumulators. */
    private void backward(double[] t) {
        int last = layers - 1;
        float[] y = a[layers];
        float[] dLast = delta[last];
        for (int o = 0; o < y.length; o++) {
            float d = y[o] - (float) t[o];
            // softmax with cross-entropy: dL/dz = y - t; squared error: (y - t) f'(z)
            dLast[o] = loss == Loss.SOFTMAX_CROSS_ENTROPY ? d
                    : d * derivative(activations[last], z[last][o]);
        }
        for (int l = last; l >= 0; l--) {
            float[] d = delta[l];
            float[] in = a[l];
            float[][] g = gw[l];
            // gradient pass: dL/dW[o][i] = delta[o] * a[i]
            for (int o = 0; o < d.length; o++) {
                float[] row = g[o];
                for (int i = 0; i < in.length; i++) {
                    row[i] += d[o] * in[i];
                }
                if (gb[l] != null) {
                    gb[l][o] += d[o];
                }
            }
            if (l > 0) {
                // delta of the layer below: (W^T delta) * f'(z), a dot product down each column
                float[][] wl = w[l];
                float[] below = delta[l - 1];
                float[] zBelow = z[l - 1];
                for (int i = 0; i < below.length; i++) {
                    float sum = 0;
                    for (int o = 0; o < d.length; o++) {
                        sum += wl[o][i] * d[o];
                    }
                    below[i] = sum * derivative(activations[l - 1], zBelow[i]);
                }
            }
        }
    }

    /** Update pass: W -= step * gradient, then clear the gradient. */
    private void update(float step) {
        for (int l = 0; l < layers; l++) {
            float[][] wl = w[l];
            float[][] g = gw[l];
            for (int o = 0; o < wl.length; o++) {
                float[] row = wl[o];
                float[] gRow = g[o];
                for (int i = 0; i < row.length; i++) {
                    row[i] -= step * gRow[i];
                    gRow[i] = 0;
                }
            }
            if (b[l] != null) {
                float[] bl = b[l];
                float[] gbl = gb[l];
                for (int o = 0; o < bl.length; o++) {
                    bl[o] -= step * gbl[o];
                    gbl[o] = 0;
                }
            }
        }
    }
}
