package dev.chainrule.ir;

import java.util.Map;

/**
 * A double-precision reference evaluator of the IR, written from the ops' definitions only:
 * the numeric oracle that autodiff and passes are tested against. Scalars are arrays of length
 * 1; matrices are row-major [rows][cols] flattened.
 */
public final class GraphInterpreter {

    private GraphInterpreter() {}

    /** Values of every graph value, given the input, target and parameters (row-major). */
    public static double[][] run(Graph g, double[] x, double[] t, Map<String, double[]> params) {
        double[][] val = new double[g.values().size()][];
        for (Value v : g.values()) {
            val[v.id()] = eval(g, v, val, x, t, params);
        }
        return val;
    }

    public static double[] output(Graph g, String name, double[] x, double[] t,
                                  Map<String, double[]> params) {
        return run(g, x, t, params)[g.outputs().get(name)];
    }

    private static double[] eval(Graph g, Value v, double[][] val, double[] x, double[] t,
                                 Map<String, double[]> params) {
        double[] a = v.inputs().isEmpty() ? null : val[v.input(0)];
        double[] b = v.inputs().size() < 2 ? null : val[v.input(1)];
        int n = v.shape().rows();
        double[] out = new double[Math.max(1, v.shape().isMatrix() ? n * v.shape().cols() : n)];
        switch (v.op().kind()) {
            case INPUT -> System.arraycopy(x, 0, out, 0, n);
            case TARGET -> System.arraycopy(t, 0, out, 0, n);
            case PARAMETER -> System.arraycopy(params.get(v.op().parameter()), 0, out, 0, out.length);
            case CONSTANT -> out[0] = v.op().constant();
            case MATVEC -> {
                int cols = g.value(v.input(0)).shape().cols();
                for (int o = 0; o < n; o++) {
                    for (int i = 0; i < cols; i++) {
                        out[o] += a[o * cols + i] * b[i];
                    }
                }
            }
            case MATTVEC -> {
                int rows = g.value(v.input(0)).shape().rows();
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < rows; o++) {
                        out[i] += a[o * n + i] * b[o];
                    }
                }
            }
            case OUTER -> {
                int cols = v.shape().cols();
                for (int o = 0; o < n; o++) {
                    for (int i = 0; i < cols; i++) {
                        out[o * cols + i] = a[o] * b[i];
                    }
                }
            }
            case ADD -> { for (int k = 0; k < out.length; k++) out[k] = a[k] + b[k]; }
            case SUB -> { for (int k = 0; k < out.length; k++) out[k] = a[k] - b[k]; }
            case MUL -> { for (int k = 0; k < out.length; k++) out[k] = a[k] * b[k]; }
            case SCALE -> { for (int k = 0; k < out.length; k++) out[k] = a[k] * b[0]; }
            case IDENTITY -> System.arraycopy(a, 0, out, 0, n);
            case SIGMOID -> { for (int k = 0; k < n; k++) out[k] = 1 / (1 + Math.exp(-a[k])); }
            case TANH -> { for (int k = 0; k < n; k++) out[k] = Math.tanh(a[k]); }
            case RELU -> { for (int k = 0; k < n; k++) out[k] = Math.max(0, a[k]); }
            case SOFTMAX -> softmax(a, out);
            case ONES -> java.util.Arrays.fill(out, 1);
            case SIGMOID_DERIVATIVE -> { for (int k = 0; k < n; k++) out[k] = a[k] * (1 - a[k]); }
            case TANH_DERIVATIVE -> { for (int k = 0; k < n; k++) out[k] = 1 - a[k] * a[k]; }
            case RELU_DERIVATIVE -> { for (int k = 0; k < n; k++) out[k] = a[k] > 0 ? 1 : 0; }
            case SOFTMAX_BACKWARD -> {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += a[k] * b[k];
                for (int k = 0; k < n; k++) out[k] = a[k] * (b[k] - dot);
            }
            case SQUARED_ERROR -> {
                for (int k = 0; k < a.length; k++) out[0] += 0.5 * (a[k] - b[k]) * (a[k] - b[k]);
            }
            case MEAN_SQUARED_ERROR -> {
                for (int k = 0; k < a.length; k++) out[0] += (a[k] - b[k]) * (a[k] - b[k]) / a.length;
            }
            case SOFTMAX_CROSS_ENTROPY -> {
                double[] p = new double[a.length];
                softmax(a, p);
                for (int k = 0; k < a.length; k++) out[0] -= b[k] * Math.log(p[k]);
            }
        }
        return out;
    }

    private static void softmax(double[] z, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            out[k] = Math.exp(z[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < z.length; k++) out[k] /= sum;
    }
}
