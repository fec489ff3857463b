package dev.chainrule.runtime;

/**
 * The conv2d kernels of generated classes, behind one facade chosen once at start as
 * {@link BatchKernels} is: {@link #LIVE} is the Panama implementation when the JVM has
 * {@code jdk.incubator.vector} and it passes {@link ConvKernelsCheck}, else the plain-Java
 * reference. All arrays are flat and row-major: an image {@code x [C, H, W]}, filters
 * {@code w [K, C, kh, kw]}, an output or output gradient {@code [K, H', W']}. A window is given
 * by its kernel {@code kh × kw}, strides {@code sh, sw}, zero padding {@code ph, pw} and
 * dilations {@code dh, dw}, as PyTorch's {@code F.conv2d}.
 *
 * <p>Each sample's input windows are first gathered into {@code cols}, the im2col matrix with
 * one entry per (tap j = (c, r, s), output position p), padding as zeros; the products then run
 * over it as a small matrix product. Every implementation gives the same bits: each output
 * element adds its terms in the order each method states, each product rounded and then added
 * (no fused multiply-add, no reassociation).
 *
 * <pre>{@code
 * ConvKernels.LIVE.forward(x, w, b, y, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1, cols);  // y = b + w ⋆ x
 * }</pre>
 */
public abstract class ConvKernels {

    /** The implementation this JVM runs: chosen once, at class initialization. */
    public static final ConvKernels LIVE = KernelChoice.live(ConvKernels.class,
            "dev.chainrule.runtime.simd.PanamaConvKernels", new ScalarConvKernels(),
            ConvKernelsCheck::agrees);

    private static final ConvKernels REFERENCE = new ScalarConvKernels();

    protected ConvKernels() {
    }

    /** The plain-Java kernels, the reference every other implementation is tested against. */
    public static ConvKernels reference() {
        return REFERENCE;
    }

    /** The scratch {@code cols} every method needs: {@code C·kh·kw · H'·W'} floats. */
    public static int scratchLength(int channels, int height, int width, int kh, int kw, int sh,
                                    int sw, int ph, int pw, int dh, int dw) {
        return channels * kh * kw * outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
    }

    /** An output extent: {@code floor((n + 2·pad − dil·(k − 1) − 1) / stride) + 1}. */
    public static int outSize(int n, int k, int stride, int pad, int dil) {
        return (n + 2 * pad - dil * (k - 1) - 1) / stride + 1;
    }

    /**
     * {@code y[k][p] = b[k] + Σ_j w[k][j] · cols[j][p]}: each output starts at its filter's
     * bias and adds its taps j = (c, r, s) in increasing order, padding included (as products
     * with +0).
     */
    public abstract void forward(float[] x, float[] w, float[] b, float[] y, int channels,
                                 int height,
                                 int width, int filters, int kh, int kw, int sh, int sw, int ph,
                                 int pw, int dh, int dw, float[] cols);

    /**
     * {@code dx = Σ} of every window's share of {@code g}: from +0, each input adds
     * {@code w[k][c][r][s] · g[k][p]} for k increasing, then tap (r, s) increasing, over the
     * outputs p whose {@code g[k][p]} is not ±0 (a skipped term is ±0, which changes no sum that
     * starts at +0); inputs no window reached stay zero. The same on every path: scalar, since
     * {@code g} is mostly zeros after a max pool and relu, and a window's taps are few.
     */
    public final void inputGradient(float[] g, float[] w, float[] dx, int channels, int height,
                                    int width, int filters, int kh, int kw, int sh, int sw,
                                    int ph, int pw, int dh, int dw) {
        java.util.Arrays.fill(dx, 0, channels * height * width, 0f);
        int ow = outSize(width, kw, sw, pw, dw);
        int positions = outSize(height, kh, sh, ph, dh) * ow;
        int taps = channels * kh * kw;
        for (int k = 0; k < filters; k++) {
            // outputs last to first: an input's taps (r, s) then arrive in increasing order
            for (int p = positions - 1; p >= 0; p--) {
                float a = g[k * positions + p];
                if (a == 0f) {
                    continue;
                }
                int rowFirst = p / ow * sh - ph;
                int colFirst = p % ow * sw - pw;
                if (rowFirst >= 0 && rowFirst + (kh - 1) * dh < height && colFirst >= 0
                        && colFirst + (kw - 1) * dw < width) {
                    addWindow(dx, w, k * taps, a, channels, height, width, kh, kw, dh, dw,
                            rowFirst * width + colFirst);
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    int tap = k * taps + c * kh * kw;
                    for (int r = 0; r < kh; r++, tap += kw) {
                        int row = rowFirst + r * dh;
                        if (row < 0 || row >= height) {
                            continue;
                        }
                        int base = (c * height + row) * width;
                        for (int s = 0; s < kw; s++) {
                            int col = colFirst + s * dw;
                            if (col >= 0 && col < width) {
                                dx[base + col] += w[tap + s] * a;
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code a · w[tap ..]} added into a window wholly inside the image, tap by tap. */
    private static void addWindow(float[] dx, float[] w, int tap, float a, int channels,
                                  int height, int width, int kh, int kw, int dh, int dw,
                                  int corner) {
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < kh; r++, tap += kw) {
                int at = c * height * width + corner + r * dh * width;
                for (int s = 0; s < kw; s++) {
                    dx[at + s * dw] += w[tap + s] * a;
                }
            }
        }
    }

    /**
     * {@code gw[k][j] = Σ_p g[k][p] · x at tap j of window p}, from +0, p increasing, over the
     * positions where {@code g[k][p]} is not ±0 (a skipped term is ±0, which changes no sum
     * that starts at +0). {@code cols} receives the windows one per row ({@code [p][j]});
     * {@code positions} is scratch of {@code H'·W'} entries.
     */
    public abstract void weightGradient(float[] g, float[] x, float[] gw, int channels,
                                        int height, int width, int filters, int kh, int kw,
                                        int sh, int sw, int ph, int pw, int dh, int dw,
                                        float[] cols, int[] positions);

    /** What runs, for people: {@code "512-bit"} or {@code "off"}. */
    public abstract String simd();

    /**
     * Gathers {@code cols[j][p]}: row j = (c, r, s) holds, for every output position p, the
     * input that tap reads there, or 0 in the padding.
     */
    protected static void gatherByTap(float[] x, int channels, int height, int width, int kh,
                                      int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                                      float[] cols) {
        int oh = outSize(height, kh, sh, ph, dh);
        int ow = outSize(width, kw, sw, pw, dw);
        int at = 0;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < kh; r++) {
                for (int s = 0; s < kw; s++) {
                    int first = firstInside(s * dw - pw, sw, ow);
                    int end = endInside(s * dw - pw, sw, ow, width);
                    for (int o = 0; o < oh; o++, at += ow) {
                        int row = o * sh + r * dh - ph;
                        if (row < 0 || row >= height || first >= end) {
                            java.util.Arrays.fill(cols, at, at + ow, 0f);
                            continue;
                        }
                        java.util.Arrays.fill(cols, at, at + first, 0f);
                        int from = (c * height + row) * width + first * sw + s * dw - pw;
                        if (sw == 1) {
                            System.arraycopy(x, from, cols, at + first, end - first);
                        } else {
                            for (int v = first; v < end; v++, from += sw) {
                                cols[at + v] = x[from];
                            }
                        }
                        java.util.Arrays.fill(cols, at + end, at + ow, 0f);
                    }
                }
            }
        }
    }

    /**
     * Gathers {@code cols[p][j]}: row p holds the window of output position p, taps
     * j = (c, r, s) in order, 0 in the padding.
     */
    protected static void gatherByPosition(float[] x, int channels, int height, int width,
                                           int kh, int kw, int sh, int sw, int ph, int pw,
                                           int dh, int dw, float[] cols) {
        int oh = outSize(height, kh, sh, ph, dh);
        int ow = outSize(width, kw, sw, pw, dw);
        int at = 0;
        for (int o = 0; o < oh; o++) {
            for (int v = 0; v < ow; v++) {
                int col = v * sw - pw;
                // a window row wholly inside the image is a plain copy, the rest checks each tap
                boolean colsInside = col >= 0 && col + (kw - 1) * dw < width;
                for (int c = 0; c < channels; c++) {
                    for (int r = 0; r < kh; r++, at += kw) {
                        int row = o * sh + r * dh - ph;
                        if (row < 0 || row >= height) {
                            java.util.Arrays.fill(cols, at, at + kw, 0f);
                            continue;
                        }
                        int from = (c * height + row) * width + col;
                        if (colsInside) {
                            for (int s = 0; s < kw; s++) {
                                cols[at + s] = x[from + s * dw];
                            }
                        } else {
                            for (int s = 0; s < kw; s++) {
                                int inCol = col + s * dw;
                                cols[at + s] = inCol >= 0 && inCol < width ? x[from + s * dw] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Lists the positions {@code p < n} where {@code g[from + p]} is not ±0; returns how many. */
    protected static int nonZeroPositions(float[] g, int from, int n, int[] positions) {
        int count = 0;
        for (int p = 0; p < n; p++) {
            int bits = Float.floatToRawIntBits(g[from + p]) << 1;
            positions[count] = p; // kept only if counted
            count += (bits | -bits) >>> 31;
        }
        return count;
    }

    /** The first output column whose input column {@code v·stride + offset} is not below 0. */
    private static int firstInside(int offset, int stride, int ow) {
        return offset >= 0 ? 0 : Math.min(ow, (-offset + stride - 1) / stride);
    }

    /** One past the last output column whose input column is inside {@code width}. */
    private static int endInside(int offset, int stride, int ow, int width) {
        int last = width - 1 - offset;
        return last < 0 ? 0 : Math.min(ow, last / stride + 1);
    }
}
