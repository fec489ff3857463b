package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * The check a candidate {@link BatchKernels} passes before it is chosen: on a fixed sparse
 * problem whose sizes reach every code path (full vector blocks, one-vector blocks, scalar
 * tails, a remainder sample), it gives the reference's bits. A JVM whose vector code rounded
 * differently would fall back to the reference instead of training to other weights.
 */
final class BatchKernelsCheck {

    private static final int IN = 37;
    private static final int OUT = 83;
    private static final int SAMPLES = 6;

    private BatchKernelsCheck() {
    }

    static boolean agrees(BatchKernels candidate, BatchKernels reference) {
        float[][] w = values(IN, OUT, 1);
        float[][] xs = values(SAMPLES, IN, 2);
        float[][] gs = values(SAMPLES, OUT, 3);
        float[][] expected = new float[SAMPLES][OUT];
        float[][] actual = new float[SAMPLES][OUT];
        int[] rows = new int[IN];
        reference.products(w, IN, OUT, xs, SAMPLES, expected, rows);
        candidate.products(w, IN, OUT, xs, SAMPLES, actual, rows);
        if (!Arrays.deepEquals(expected, actual)) {
            return false;
        }
        int[] held = {0, 5, 36};
        int[] rowCount = new int[IN];
        int[] rowSamples = new int[IN * SAMPLES];
        for (int b = 0; b < held.length; b++) {
            rowCount[held[b]] = b + 2;
            for (int k = 0; k < b + 2; k++) {
                rowSamples[held[b] * SAMPLES + k] = (k * 5 + b) % SAMPLES;
            }
        }
        float[][] expectedGrad = values(IN, OUT, 4);
        float[][] actualGrad = values(IN, OUT, 4);
        reference.addOuters(expectedGrad, OUT, gs, xs, held, held.length, rowCount, rowSamples,
                SAMPLES);
        candidate.addOuters(actualGrad, OUT, gs, xs, held, held.length, rowCount, rowSamples,
                SAMPLES);
        return Arrays.deepEquals(expectedGrad, actualGrad);
    }

    /** Deterministic values in (-1, 1) with about a third exactly zero and inexact products. */
    private static float[][] values(int rows, int cols, int seed) {
        float[][] out = new float[rows][cols];
        int state = seed * 0x9E3779B9;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                state = state * 1664525 + 1013904223;
                int v = state >>> 8;
                out[r][c] = v % 3 == 0 ? 0f : (v / 3 % 20011) / 10007f - 1f;
            }
        }
        return out;
    }
}
