package dev.chainrule.runtime;

import dev.chainrule.benchmarks.BenchData;
import java.util.SplittableRandom;

/**
 * One dense layer's kernels over a 16-sample chunk, in three forms: {@code perSample} (the shape
 * the generated classes run today: each sample's nonzero rows, eight per pass over z; the held
 * outer products eight samples per pass over a gradient row), the plain-Java
 * {@link BatchKernels#reference()} and the Panama kernels. The layer's inputs are MNIST pixels
 * (784 wide, 81% zero) or, for a hidden layer, values with half of them zero (as after relu).
 */
final class KernelCase {

    static final int SAMPLES = ParallelTrainer.CHUNK_SIZE;

    final int in;
    final int out;
    final float[][] w;
    final float[][] xs;
    final float[][] gs;
    final float[][] zs;
    final float[][] grad;
    final int[] rows;
    final int[][] nonZero;
    final int[] nonZeros;
    final int[] held;
    final int heldCount;
    final int[] rowCount;
    final int[] rowSamples;

    /** {@code layer} is {@code IN x OUT}, e.g. {@code 784x128}. */
    KernelCase(String layer) {
        String[] parts = layer.split("x");
        in = Integer.parseInt(parts[0]);
        out = Integer.parseInt(parts[1]);
        SplittableRandom rng = new SplittableRandom(21);
        w = new float[in][out];
        float bound = (float) Math.sqrt(6.0 / in);
        for (float[] row : w) {
            for (int o = 0; o < out; o++) {
                row[o] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
        }
        xs = new float[SAMPLES][in];
        if (in == 784) {
            double[][] images = BenchData.forNetwork("N3", SAMPLES).xs;
            for (int s = 0; s < SAMPLES; s++) {
                for (int i = 0; i < in; i++) {
                    xs[s][i] = (float) images[s][i];
                }
            }
        } else {
            for (float[] x : xs) {
                for (int i = 0; i < in; i++) {
                    x[i] = rng.nextBoolean() ? 0f : (float) rng.nextDouble();
                }
            }
        }
        gs = new float[SAMPLES][out];
        for (float[] g : gs) {
            for (int o = 0; o < out; o++) {
                g[o] = (float) (rng.nextDouble() - 0.5) * 0.01f;
            }
        }
        zs = new float[SAMPLES][out];
        grad = new float[in][out];
        rows = new int[in];
        nonZero = new int[SAMPLES][in];
        nonZeros = new int[SAMPLES];
        rowCount = new int[in];
        rowSamples = new int[in * SAMPLES];
        held = new int[in];
        int n = 0;
        for (int s = 0; s < SAMPLES; s++) {
            for (int i = 0; i < in; i++) {
                if (xs[s][i] != 0f) {
                    nonZero[s][nonZeros[s]++] = i;
                    if (rowCount[i] == 0) {
                        held[n++] = i;
                    }
                    rowSamples[i * SAMPLES + rowCount[i]++] = s;
                }
            }
        }
        heldCount = n;
    }

    /** Multiply-adds of the dense product per chunk, for GFLOP/s (2 flops each). */
    long denseFlops() {
        return 2L * SAMPLES * in * out;
    }

    /** The generated forward product today: per sample, nonzero rows, eight per pass. */
    void productsPerSample() {
        for (int s = 0; s < SAMPLES; s++) {
            float[] z = zs[s];
            float[] x = xs[s];
            int[] list = nonZero[s];
            int n = nonZeros[s];
            for (int o = 0; o < out; o++) {
                z[o] = 0f;
            }
            int k = 0;
            for (; k + 8 <= n; k += 8) {
                float a0 = x[list[k]], a1 = x[list[k + 1]], a2 = x[list[k + 2]];
                float a3 = x[list[k + 3]], a4 = x[list[k + 4]], a5 = x[list[k + 5]];
                float a6 = x[list[k + 6]], a7 = x[list[k + 7]];
                float[] r0 = w[list[k]], r1 = w[list[k + 1]], r2 = w[list[k + 2]];
                float[] r3 = w[list[k + 3]], r4 = w[list[k + 4]], r5 = w[list[k + 5]];
                float[] r6 = w[list[k + 6]], r7 = w[list[k + 7]];
                for (int o = 0; o < out; o++) {
                    z[o] = z[o] + a0 * r0[o] + a1 * r1[o] + a2 * r2[o] + a3 * r3[o]
                            + a4 * r4[o] + a5 * r5[o] + a6 * r6[o] + a7 * r7[o];
                }
            }
            for (; k < n; k++) {
                float a = x[list[k]];
                float[] r = w[list[k]];
                for (int o = 0; o < out; o++) {
                    z[o] += a * r[o];
                }
            }
        }
    }

    /** The generated held-outer flush today: each touched row, eight samples per pass. */
    void outersPerSample() {
        for (int b = 0; b < heldCount; b++) {
            int i = held[b];
            float[] row = grad[i];
            int base = i * SAMPLES;
            int c = rowCount[i];
            int k = 0;
            for (; k + 8 <= c; k += 8) {
                float[] g0 = gs[rowSamples[base + k]], g1 = gs[rowSamples[base + k + 1]];
                float[] g2 = gs[rowSamples[base + k + 2]], g3 = gs[rowSamples[base + k + 3]];
                float[] g4 = gs[rowSamples[base + k + 4]], g5 = gs[rowSamples[base + k + 5]];
                float[] g6 = gs[rowSamples[base + k + 6]], g7 = gs[rowSamples[base + k + 7]];
                float a0 = xs[rowSamples[base + k]][i], a1 = xs[rowSamples[base + k + 1]][i];
                float a2 = xs[rowSamples[base + k + 2]][i], a3 = xs[rowSamples[base + k + 3]][i];
                float a4 = xs[rowSamples[base + k + 4]][i], a5 = xs[rowSamples[base + k + 5]][i];
                float a6 = xs[rowSamples[base + k + 6]][i], a7 = xs[rowSamples[base + k + 7]][i];
                for (int o = 0; o < out; o++) {
                    row[o] = row[o] + a0 * g0[o] + a1 * g1[o] + a2 * g2[o] + a3 * g3[o]
                            + a4 * g4[o] + a5 * g5[o] + a6 * g6[o] + a7 * g7[o];
                }
            }
            for (; k < c; k++) {
                int s = rowSamples[base + k];
                float a = xs[s][i];
                float[] g = gs[s];
                for (int o = 0; o < out; o++) {
                    row[o] += a * g[o];
                }
            }
        }
    }

    void products(BatchKernels kernels) {
        kernels.products(w, in, out, xs, SAMPLES, zs, rows);
    }

    void outers(BatchKernels kernels) {
        kernels.addOuters(grad, out, gs, xs, held, heldCount, rowCount, rowSamples, SAMPLES);
    }
}
