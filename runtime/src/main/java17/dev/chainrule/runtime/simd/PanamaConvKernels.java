package dev.chainrule.runtime.simd;

import dev.chainrule.runtime.ConvKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvKernels} with the Vector API. The forward product and the input gradient run
 * along the output positions of a {@code cols} row, four vectors of positions held in
 * accumulators across the whole loop over taps (or filters); the weight gradient runs along the
 * taps of a window row, four vectors of taps held across the loop over a filter's nonzero
 * positions. Each lane is {@code acc + (a · b)} in the reference's order (never {@code fma},
 * never a lane reduction); the vector loops have no branch, and what is left past the last
 * whole vector runs as scalars.
 */
public final class PanamaConvKernels extends ConvKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Fails (and so leaves the reference live) where vectors are too narrow to pay. */
    public PanamaConvKernels() {
        if (S.vectorBitSize() < 256) {
            throw new IllegalStateException("vectors of " + S.vectorBitSize() + " bits");
        }
    }

    @Override
    public String simd() {
        return S.vectorBitSize() + "-bit";
    }

    @Override
    public void forward(float[] x, float[] w, float[] y, int channels, int height, int width,
                        int filters, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                        int dw, float[] cols) {
        gatherByTap(x, channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, cols);
        int taps = channels * kh * kw;
        int positions = outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
        for (int k = 0; k < filters; k++) {
            // y[k][p] starts as it is and adds w[k][j] · cols[j][p] for j in order
            rowTimesMatrix(w, k * taps, 1, taps, cols, positions, y, k * positions, true);
        }
    }

    @Override
    public void inputGradient(float[] g, float[] w, float[] dx, int channels, int height,
                              int width, int filters, int kh, int kw, int sh, int sw, int ph,
                              int pw, int dh, int dw, float[] cols) {
        int taps = channels * kh * kw;
        int positions = outSize(height, kh, sh, ph, dh) * outSize(width, kw, sw, pw, dw);
        for (int j = 0; j < taps; j++) {
            // cols[j][p] = Σ_k w[k][j] · g[k][p]: w's column j, read with stride taps
            rowTimesMatrix(w, j, taps, filters, g, positions, cols, j * positions, false);
        }
        scatterByTap(cols, channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, dx);
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
            int j = 0;
            for (; j + 4 * L <= taps; j += 4 * L) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int t = 0; t < n; t++) {
                    int p = positions[t];
                    FloatVector b = FloatVector.broadcast(S, g[k * count + p]);
                    int in = p * taps + j;
                    a0 = a0.add(b.mul(FloatVector.fromArray(S, cols, in)));
                    a1 = a1.add(b.mul(FloatVector.fromArray(S, cols, in + L)));
                    a2 = a2.add(b.mul(FloatVector.fromArray(S, cols, in + 2 * L)));
                    a3 = a3.add(b.mul(FloatVector.fromArray(S, cols, in + 3 * L)));
                }
                a0.intoArray(gw, out + j);
                a1.intoArray(gw, out + j + L);
                a2.intoArray(gw, out + j + 2 * L);
                a3.intoArray(gw, out + j + 3 * L);
            }
            for (; j + L <= taps; j += L) {
                FloatVector a0 = FloatVector.zero(S);
                for (int t = 0; t < n; t++) {
                    int p = positions[t];
                    FloatVector b = FloatVector.broadcast(S, g[k * count + p]);
                    a0 = a0.add(b.mul(FloatVector.fromArray(S, cols, p * taps + j)));
                }
                a0.intoArray(gw, out + j);
            }
            for (; j < taps; j++) {
                float sum = 0f;
                for (int t = 0; t < n; t++) {
                    int p = positions[t];
                    sum += g[k * count + p] * cols[p * taps + j];
                }
                gw[out + j] = sum;
            }
        }
    }

    /**
     * {@code z[zAt + p] = (keep ? z[zAt + p] : +0) + Σ_j a[aAt + j·stride] · m[j][p]} for
     * {@code p < width}, j increasing, m stored row-major with rows of {@code width}.
     */
    private static void rowTimesMatrix(float[] a, int aAt, int stride, int rows, float[] m,
                                       int width, float[] z, int zAt, boolean keep) {
        int p = 0;
        for (; p + 4 * L <= width; p += 4 * L) {
            FloatVector z0 = keep ? FloatVector.fromArray(S, z, zAt + p) : FloatVector.zero(S);
            FloatVector z1 = keep ? FloatVector.fromArray(S, z, zAt + p + L) : FloatVector.zero(S);
            FloatVector z2 = keep ? FloatVector.fromArray(S, z, zAt + p + 2 * L)
                    : FloatVector.zero(S);
            FloatVector z3 = keep ? FloatVector.fromArray(S, z, zAt + p + 3 * L)
                    : FloatVector.zero(S);
            for (int j = 0; j < rows; j++) {
                FloatVector b = FloatVector.broadcast(S, a[aAt + j * stride]);
                int in = j * width + p;
                z0 = z0.add(b.mul(FloatVector.fromArray(S, m, in)));
                z1 = z1.add(b.mul(FloatVector.fromArray(S, m, in + L)));
                z2 = z2.add(b.mul(FloatVector.fromArray(S, m, in + 2 * L)));
                z3 = z3.add(b.mul(FloatVector.fromArray(S, m, in + 3 * L)));
            }
            z0.intoArray(z, zAt + p);
            z1.intoArray(z, zAt + p + L);
            z2.intoArray(z, zAt + p + 2 * L);
            z3.intoArray(z, zAt + p + 3 * L);
        }
        for (; p + L <= width; p += L) {
            FloatVector z0 = keep ? FloatVector.fromArray(S, z, zAt + p) : FloatVector.zero(S);
            for (int j = 0; j < rows; j++) {
                FloatVector b = FloatVector.broadcast(S, a[aAt + j * stride]);
                z0 = z0.add(b.mul(FloatVector.fromArray(S, m, j * width + p)));
            }
            z0.intoArray(z, zAt + p);
        }
        for (; p < width; p++) {
            float sum = keep ? z[zAt + p] : 0f;
            for (int j = 0; j < rows; j++) {
                sum += a[aAt + j * stride] * m[j * width + p];
            }
            z[zAt + p] = sum;
        }
    }
}
