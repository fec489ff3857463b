package dev.chainrule.runtime.simd;

import dev.chainrule.runtime.ConvKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvKernels} with the Vector API. The forward product runs along the output
 * positions of a {@code cols} row, four vectors of positions held in accumulators across the
 * whole loop over taps; the weight gradient runs along the
 * taps of a window row, four vectors of taps held across the loop over a filter's nonzero
 * positions. Each lane is {@code acc + (a · b)} in the reference's order (never {@code fma},
 * never a lane reduction); the vector loops have no branch. What is left past the last whole
 * vector is one more vector ending at the row's end: it recomputes a few outputs already
 * stored, to the same bits, since no output depends on what was stored (only rows shorter than
 * a vector run as scalars).
 */
public final class PanamaConvKernels extends ConvKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Fails (and so leaves the reference live) where vectors are too narrow to pay. */
    public PanamaConvKernels() {
        PanamaBatchKernels.requireWideVectors();
    }

    @Override
    public String simd() {
        return PanamaBatchKernels.width();
    }

    @Override
    public void forward(float[] x, float[] w, float[] b, float[] y, int channels, int height,
                        int width, int filters, int kh, int kw, int sh, int sw, int ph, int pw,
                        int dh, int dw, float[] cols) {
        gatherByTap(x, channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, cols);
        int taps = channels * kh * kw;
        int positions = outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
        for (int k = 0; k < filters; k++) {
            // y[k][p] = b[k] + Σ_j w[k][j] · cols[j][p], j in order
            rowTimesMatrix(w, k * taps, 1, taps, cols, positions, y, k * positions, b[k]);
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
            int n = nonZeroPositions(g, k * count, count, positions);
            int out = k * taps;
            int from = k * count;
            int j = 0;
            for (; j + 4 * L <= taps; j += 4 * L) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int t = 0; t < n; t++) {
                    int p = positions[t];
                    FloatVector c = FloatVector.broadcast(S, g[from + p]);
                    int in = p * taps + j;
                    a0 = a0.add(c.mul(FloatVector.fromArray(S, cols, in)));
                    a1 = a1.add(c.mul(FloatVector.fromArray(S, cols, in + L)));
                    a2 = a2.add(c.mul(FloatVector.fromArray(S, cols, in + 2 * L)));
                    a3 = a3.add(c.mul(FloatVector.fromArray(S, cols, in + 3 * L)));
                }
                a0.intoArray(gw, out + j);
                a1.intoArray(gw, out + j + L);
                a2.intoArray(gw, out + j + 2 * L);
                a3.intoArray(gw, out + j + 3 * L);
            }
            for (; j + L <= taps; j += L) {
                sumOfRows(g, from, positions, n, cols, taps, j, gw, out + j);
            }
            if (j < taps && taps >= L) {
                sumOfRows(g, from, positions, n, cols, taps, taps - L, gw, out + taps - L);
            } else {
                for (; j < taps; j++) {
                    float sum = 0f;
                    for (int t = 0; t < n; t++) {
                        int p = positions[t];
                        sum += g[from + p] * cols[p * taps + j];
                    }
                    gw[out + j] = sum;
                }
            }
        }
    }

    /** One vector of {@code Σ_t g[from + p_t] · m[p_t][j ..]} from +0, t in order, into z. */
    private static void sumOfRows(float[] g, int from, int[] positions, int n, float[] m,
                                  int width, int j, float[] z, int zAt) {
        FloatVector a0 = FloatVector.zero(S);
        for (int t = 0; t < n; t++) {
            int p = positions[t];
            FloatVector c = FloatVector.broadcast(S, g[from + p]);
            a0 = a0.add(c.mul(FloatVector.fromArray(S, m, p * width + j)));
        }
        a0.intoArray(z, zAt);
    }

    /**
     * {@code z[zAt + p] = init + Σ_j a[aAt + j·stride] · m[j][p]} for {@code p < width},
     * j increasing, m stored row-major with rows of {@code width}.
     */
    private static void rowTimesMatrix(float[] a, int aAt, int stride, int rows, float[] m,
                                       int width, float[] z, int zAt, float init) {
        FloatVector start = FloatVector.broadcast(S, init);
        int p = 0;
        for (; p + 4 * L <= width; p += 4 * L) {
            FloatVector z0 = start;
            FloatVector z1 = start;
            FloatVector z2 = start;
            FloatVector z3 = start;
            for (int j = 0; j < rows; j++) {
                FloatVector c = FloatVector.broadcast(S, a[aAt + j * stride]);
                int in = j * width + p;
                z0 = z0.add(c.mul(FloatVector.fromArray(S, m, in)));
                z1 = z1.add(c.mul(FloatVector.fromArray(S, m, in + L)));
                z2 = z2.add(c.mul(FloatVector.fromArray(S, m, in + 2 * L)));
                z3 = z3.add(c.mul(FloatVector.fromArray(S, m, in + 3 * L)));
            }
            z0.intoArray(z, zAt + p);
            z1.intoArray(z, zAt + p + L);
            z2.intoArray(z, zAt + p + 2 * L);
            z3.intoArray(z, zAt + p + 3 * L);
        }
        for (; p + L <= width; p += L) {
            rowTimesColumns(a, aAt, stride, rows, m, width, p, start, z, zAt);
        }
        if (p < width && width >= L) {
            rowTimesColumns(a, aAt, stride, rows, m, width, width - L, start, z, zAt);
        } else {
            for (; p < width; p++) {
                float sum = init;
                for (int j = 0; j < rows; j++) {
                    sum += a[aAt + j * stride] * m[j * width + p];
                }
                z[zAt + p] = sum;
            }
        }
    }

    /** One vector of {@link #rowTimesMatrix}: the outputs {@code p .. p + L - 1}. */
    private static void rowTimesColumns(float[] a, int aAt, int stride, int rows, float[] m,
                                        int width, int p, FloatVector start, float[] z, int zAt) {
        FloatVector z0 = start;
        for (int j = 0; j < rows; j++) {
            FloatVector c = FloatVector.broadcast(S, a[aAt + j * stride]);
            z0 = z0.add(c.mul(FloatVector.fromArray(S, m, j * width + p)));
        }
        z0.intoArray(z, zAt + p);
    }
}
