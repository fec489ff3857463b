package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The conv kernel provider: which implementation runs, and that each kernel gives the bits of
 * the direct loops the generated classes ran before it (the same terms in the same order, so
 * networks train to the same weights as before). Run twice by the build (without and with
 * {@code jdk.incubator.vector}), as {@link BatchKernelsTest}.
 */
class ConvKernelsTest {

    /** {C, H, W, K, kh, kw, sh, sw, ph, pw, dh, dw}: LeNet-5's two convolutions first. */
    private static final int[][] FIXED = {
            {1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1},
            {6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1},
            {3, 7, 9, 2, 1, 1, 1, 1, 0, 0, 1, 1},
            {2, 8, 8, 5, 3, 3, 3, 2, 1, 1, 1, 2},
    };

    @Test
    void theVectorKernelsRunExactlyWhenTheBatchKernelsDo() {
        assertEquals(BatchKernels.LIVE.simd(), ConvKernels.LIVE.simd());
        assertEquals(BatchKernels.LIVE.simd().equals("off")
                        ? "dev.chainrule.runtime.ScalarConvKernels"
                        : "dev.chainrule.runtime.simd.PanamaConvKernels",
                ConvKernels.LIVE.getClass().getName());
    }

    @Test
    void aTwoByTwoDiagonalFilterAddsEachPixelToItsLowerRightNeighbour() {
        // x = 1..9 in a 3×3 image, w = [[1, 0], [0, 1]], bias 0.5: y = 0.5 + x[i][j] + x[i+1][j+1]
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, 1};
        for (ConvKernels kernels : implementations()) {
            float[] y = new float[4];
            kernels.forward(x, w, new float[] {0.5f}, y, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, 1, 1, new float[16]);
            assertArrayEquals(new float[] {6.5f, 8.5f, 12.5f, 14.5f}, y, kernels.simd());
            // g = 1 at (0, 1) only: dx gets w at x (0, 1) and (1, 2); dw gets x's 2, 3, 5, 6
            float[] g = {0, 1, 0, 0};
            float[] dx = new float[9];
            kernels.inputGradient(g, w, dx, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, 1, 1);
            assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1, 0, 0, 0}, dx, kernels.simd());
            float[] gw = {9, 9, 9, 9};
            kernels.weightGradient(g, x, gw, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, 1, 1, new float[16],
                    new int[4]);
            assertArrayEquals(new float[] {2, 3, 5, 6}, gw, kernels.simd());
        }
    }

    @Test
    void everyKernelGivesTheBitsOfTheLoopsItReplaced() {
        for (int[] gm : geometries()) {
            Problem expected = Problem.of(gm);
            expected.direct();
            for (ConvKernels kernels : implementations()) {
                Problem actual = Problem.of(gm);
                actual.run(kernels);
                String what = kernels.simd() + " " + java.util.Arrays.toString(gm);
                assertBitsEqual(expected.y, actual.y, what + " forward");
                assertBitsEqual(expected.dx, actual.dx, what + " input gradient");
                assertBitsEqual(expected.gw, actual.gw, what + " weight gradient");
            }
        }
    }

    @Test
    void theStartCheckRejectsKernelsThatAddInAnotherOrder() {
        ConvKernels reference = ConvKernels.reference();
        ConvKernels reversed = new ScalarConvKernels() {
            @Override
            public void forward(float[] x, float[] w, float[] b, float[] y, int channels,
                                int height, int width, int filters, int kh, int kw, int sh,
                                int sw, int ph, int pw, int dh, int dw, float[] cols) {
                // the same products, taps added last to first
                int taps = channels * kh * kw;
                int positions = outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
                gatherByTap(x, channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, cols);
                for (int k = 0; k < filters; k++) {
                    java.util.Arrays.fill(y, k * positions, (k + 1) * positions, b[k]);
                    for (int j = taps - 1; j >= 0; j--) {
                        for (int p = 0; p < positions; p++) {
                            y[k * positions + p] += w[k * taps + j] * cols[j * positions + p];
                        }
                    }
                }
            }
        };
        assertFalse(ConvKernelsCheck.agrees(reversed, reference));
        assertEquals(true, ConvKernelsCheck.agrees(ConvKernels.LIVE, reference));
    }

    private static List<int[]> geometries() {
        List<int[]> out = new ArrayList<>(java.util.Arrays.asList(FIXED));
        out.addAll(java.util.Arrays.asList(ConvKernelsCheck.GEOMETRIES));
        Random random = new Random(19);
        while (out.size() < FIXED.length + ConvKernelsCheck.GEOMETRIES.length + 40) {
            int kh = 1 + random.nextInt(4);
            int kw = 1 + random.nextInt(4);
            int[] gm = {1 + random.nextInt(4), 1 + random.nextInt(20), 1 + random.nextInt(40),
                    1 + random.nextInt(7), kh, kw, 1 + random.nextInt(3), 1 + random.nextInt(3),
                    random.nextInt(kh / 2 + 1), random.nextInt(kw / 2 + 1), 1 + random.nextInt(2),
                    1 + random.nextInt(2)};
            if (ConvKernels.outSize(gm[1], kh, gm[6], gm[8], gm[10]) >= 1
                    && ConvKernels.outSize(gm[2], kw, gm[7], gm[9], gm[11]) >= 1) {
                out.add(gm);
            }
        }
        return out;
    }

    /** One geometry's data (about a third zeros) and the three kernels' outputs. */
    private static final class Problem {
        final int[] gm;
        final int oh;
        final int ow;
        final float[] x;
        final float[] w;
        final float[] g;
        final float[] b;
        final float[] y;
        final float[] dx;
        final float[] gw;

        private Problem(int[] gm) {
            this.gm = gm;
            oh = ConvKernels.outSize(gm[1], gm[4], gm[6], gm[8], gm[10]);
            ow = ConvKernels.outSize(gm[2], gm[5], gm[7], gm[9], gm[11]);
            x = ConvKernelsCheck.values(gm[0] * gm[1] * gm[2], 5);
            w = ConvKernelsCheck.values(gm[3] * gm[0] * gm[4] * gm[5], 6);
            g = ConvKernelsCheck.values(gm[3] * oh * ow, 7);
            b = ConvKernelsCheck.values(gm[3], 8);
            y = new float[gm[3] * oh * ow];
            dx = new float[x.length];
            gw = new float[w.length];
            java.util.Arrays.fill(dx, Float.NaN); // every element is written
            java.util.Arrays.fill(gw, Float.NaN);
            java.util.Arrays.fill(y, Float.NaN);
        }

        static Problem of(int[] gm) {
            return new Problem(gm);
        }

        void run(ConvKernels k) {
            float[] cols = new float[ConvKernels.scratchLength(gm[0], gm[1], gm[2], gm[4], gm[5],
                    gm[6], gm[7], gm[8], gm[9], gm[10], gm[11])];
            k.forward(x, w, b, y, gm[0], gm[1], gm[2], gm[3], gm[4], gm[5], gm[6], gm[7], gm[8],
                    gm[9], gm[10], gm[11], cols);
            k.inputGradient(g, w, dx, gm[0], gm[1], gm[2], gm[3], gm[4], gm[5], gm[6], gm[7],
                    gm[8], gm[9], gm[10], gm[11]);
            k.weightGradient(g, x, gw, gm[0], gm[1], gm[2], gm[3], gm[4], gm[5], gm[6], gm[7],
                    gm[8], gm[9], gm[10], gm[11], cols, new int[oh * ow]);
        }

        /** The input tap (c, r, s) reads at output (o, v), or -1 in the padding. */
        int input(int c, int r, int s, int o, int v) {
            int row = o * gm[6] + r * gm[10] - gm[8];
            int col = v * gm[7] + s * gm[11] - gm[9];
            return row < 0 || row >= gm[1] || col < 0 || col >= gm[2] ? -1
                    : (c * gm[1] + row) * gm[2] + col;
        }

        /**
         * The sums in the order of the loops the kernels replaced (the lowering before them):
         * forward from the bias, channel then tap; weight gradient from +0 over the outputs in
         * row-major order; input gradient from +0, filter, channel, tap, then output. Only
         * terms inside the image, zeros included.
         */
        void direct() {
            int taps = gm[0] * gm[4] * gm[5];
            int positions = oh * ow;
            java.util.Arrays.fill(dx, 0f);
            for (int k = 0; k < gm[3]; k++) {
                for (int p = 0; p < positions; p++) {
                    float sum = b[k];
                    for (int j = 0; j < taps; j++) {
                        int i = input(j, p);
                        if (i >= 0) {
                            sum += w[k * taps + j] * x[i];
                        }
                    }
                    y[k * positions + p] = sum;
                }
                for (int j = 0; j < taps; j++) {
                    float sum = 0f;
                    for (int p = 0; p < positions; p++) {
                        int i = input(j, p);
                        if (i >= 0) {
                            sum += g[k * positions + p] * x[i];
                        }
                    }
                    gw[k * taps + j] = sum;
                }
                for (int j = 0; j < taps; j++) {
                    for (int p = 0; p < positions; p++) {
                        int i = input(j, p);
                        if (i >= 0) {
                            dx[i] += w[k * taps + j] * g[k * positions + p];
                        }
                    }
                }
            }
        }

        /** The input tap j = (c, r, s) reads at output p, or -1 in the padding. */
        int input(int j, int p) {
            return input(j / (gm[4] * gm[5]), j / gm[5] % gm[4], j % gm[5], p / ow, p % ow);
        }
    }

    private static ConvKernels[] implementations() {
        return new ConvKernels[] {ConvKernels.reference(), ConvKernels.LIVE};
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        int[] e = new int[expected.length];
        int[] a = new int[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Float.floatToRawIntBits(expected[i]);
            a[i] = Float.floatToRawIntBits(actual[i]);
        }
        assertArrayEquals(e, a, what);
    }
}
