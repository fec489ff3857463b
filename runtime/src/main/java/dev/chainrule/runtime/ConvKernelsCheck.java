package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * The check a candidate {@link ConvKernels} passes before it is chosen: on two fixed sparse
 * problems whose sizes reach every code path (blocks of four vectors, single vectors and scalar
 * tails, along positions and along taps; padding, stride and dilation), all three kernels give
 * the reference's bits (the input gradient, shared by every path, is run for completeness).
 */
final class ConvKernelsCheck {

    /** {C, H, W, K, kh, kw, sh, sw, ph, pw, dh, dw}: 81 taps and 156 positions; then strided. */
    static final int[][] GEOMETRIES = {
            {9, 12, 13, 3, 3, 3, 1, 1, 1, 1, 1, 1},
            {2, 11, 9, 4, 2, 3, 2, 1, 1, 2, 2, 1},
    };

    private ConvKernelsCheck() {
    }

    static boolean agrees(ConvKernels candidate, ConvKernels reference) {
        for (int[] geometry : GEOMETRIES) {
            if (!Arrays.equals(run(reference, geometry), run(candidate, geometry))) {
                return false;
            }
        }
        return true;
    }

    /** The three kernels' outputs on deterministic data of this geometry, one after another. */
    static float[] run(ConvKernels kernels, int[] gm) {
        int c = gm[0], h = gm[1], wd = gm[2], k = gm[3], kh = gm[4], kw = gm[5];
        int positions = ConvKernels.outSize(h, kh, gm[6], gm[8], gm[10])
                * ConvKernels.outSize(wd, kw, gm[7], gm[9], gm[11]);
        float[] x = values(c * h * wd, 1);
        float[] w = values(k * c * kh * kw, 2);
        float[] g = values(k * positions, 3);
        float[] b = values(k, 4);
        float[] y = new float[k * positions];
        float[] dx = new float[c * h * wd];
        float[] gw = new float[k * c * kh * kw];
        float[] cols = new float[c * kh * kw * positions];
        kernels.forward(x, w, b, y, c, h, wd, k, kh, kw, gm[6], gm[7], gm[8], gm[9], gm[10], gm[11],
                cols);
        kernels.inputGradient(g, w, dx, c, h, wd, k, kh, kw, gm[6], gm[7], gm[8], gm[9], gm[10],
                gm[11]);
        kernels.weightGradient(g, x, gw, c, h, wd, k, kh, kw, gm[6], gm[7], gm[8], gm[9], gm[10],
                gm[11], cols, new int[positions]);
        float[] all = Arrays.copyOf(y, y.length + dx.length + gw.length);
        System.arraycopy(dx, 0, all, y.length, dx.length);
        System.arraycopy(gw, 0, all, y.length + dx.length, gw.length);
        return all;
    }

    /** Deterministic values in (-1, 1) with about a third exactly zero and inexact products. */
    static float[] values(int n, int seed) {
        float[] out = new float[n];
        int state = seed * 0x9E3779B9;
        for (int i = 0; i < n; i++) {
            state = state * 1664525 + 1013904223;
            int v = state >>> 8;
            out[i] = v % 3 == 0 ? 0f : (v / 3 % 20011) / 10007f - 1f;
        }
        return out;
    }
}
