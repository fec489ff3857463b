package dev.chainrule.runtime;

/**
 * The plain-Java {@link ConvKernels}: the reference. Its inner loops run along a row of
 * {@code cols} (zero-offset enough for C2 to vectorize some of them), and every output element
 * still receives its terms in the order the facade states.
 */
class ScalarConvKernels extends ConvKernels {

    @Override
    public String simd() {
        return "off";
    }

    @Override
    public void forward(float[] x, float[] w, float[] b, float[] y, int channels, int height,
                        int width, int filters, int kh, int kw, int sh, int sw, int ph, int pw,
                        int dh, int dw, float[] cols) {
        gatherByTap(x, channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, cols);
        int taps = channels * kh * kw;
        int positions = outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
        for (int k = 0; k < filters; k++) {
            int out = k * positions;
            java.util.Arrays.fill(y, out, out + positions, b[k]);
            for (int j = 0; j < taps; j++) {
                float a = w[k * taps + j];
                int in = j * positions;
                for (int p = 0; p < positions; p++) {
                    y[out + p] += a * cols[in + p];
                }
            }
        }
    }

    @Override
    public void weightGradient(float[] g, float[] x, float[] gw, int channels, int height,
                               int width, int filters, int kh, int kw, int sh, int sw, int ph,
                               int pw, int dh, int dw, float[] cols, int[] positions) {
        gatherByPosition(x, channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, cols);
        int taps = channels * kh * kw;
        int count = outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
        for (int k = 0; k < filters; k++) {
            int out = k * taps;
            java.util.Arrays.fill(gw, out, out + taps, 0f);
            int n = nonZeroPositions(g, k * count, count, positions);
            for (int t = 0; t < n; t++) {
                int p = positions[t];
                float a = g[k * count + p];
                int in = p * taps;
                for (int j = 0; j < taps; j++) {
                    gw[out + j] += a * cols[in + j];
                }
            }
        }
    }
}
