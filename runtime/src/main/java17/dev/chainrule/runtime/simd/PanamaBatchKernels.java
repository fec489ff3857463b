package dev.chainrule.runtime.simd;

import dev.chainrule.runtime.BatchKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchKernels} with the Vector API: four samples × four vectors of outputs held in
 * sixteen accumulators across the whole loop over a weight's rows, so each weight vector is
 * loaded once for four samples. Compiled for Java 17 with {@code jdk.incubator.vector} and loaded
 * by name only when the module is present.
 *
 * <p>The same bits as the reference: each lane is {@code acc + (x · w)}, the product rounded and
 * then added, in the reference's row order (never {@code fma}, never a lane reduction). The
 * vector loops have no branch (JDK 17 boxes vectors where control flow merges, 5× slower); rows
 * to skip are listed before the loop, and outputs past the last whole vector run as scalars.
 */
public final class PanamaBatchKernels extends BatchKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Fails (and so leaves the reference live) where vectors are too narrow to pay. */
    public PanamaBatchKernels() {
        requireWideVectors();
    }

    /** Throws where the preferred vectors are narrower than 256 bits (they would not pay). */
    static void requireWideVectors() {
        if (S.vectorBitSize() < 256) {
            throw new IllegalStateException("vectors of " + S.vectorBitSize() + " bits");
        }
    }

    /** The vector width in use, for people: {@code "512-bit"}. */
    static String width() {
        return S.vectorBitSize() + "-bit";
    }

    @Override
    public String simd() {
        return width();
    }

    @Override
    public void products(float[][] w, int in, int out, float[][] xs, int samples, float[][] zs,
                         int[] rows) {
        int s = 0;
        for (; s + SAMPLE_BLOCK <= samples; s += SAMPLE_BLOCK) {
            float[] x0 = xs[s];
            float[] x1 = xs[s + 1];
            float[] x2 = xs[s + 2];
            float[] x3 = xs[s + 3];
            int n = rowsOfAny(x0, x1, x2, x3, in, rows);
            int o = 0;
            for (; o + 4 * L <= out; o += 4 * L) {
                fourByFour(w, rows, n, x0, x1, x2, x3, o, zs[s], zs[s + 1], zs[s + 2], zs[s + 3]);
            }
            for (; o + L <= out; o += L) {
                fourByOne(w, rows, n, x0, x1, x2, x3, o, zs[s], zs[s + 1], zs[s + 2], zs[s + 3]);
            }
            for (int t = 0; t < SAMPLE_BLOCK; t++) {
                productOf(w, rows, n, xs[s + t], o, out, zs[s + t]);
            }
        }
        for (; s < samples; s++) {
            int n = rowsOf(xs[s], in, rows);
            int o = 0;
            for (; o + 4 * L <= out; o += 4 * L) {
                oneByFour(w, rows, n, xs[s], o, zs[s]);
            }
            productOf(w, rows, n, xs[s], o, out, zs[s]);
        }
    }

    private static void fourByFour(float[][] w, int[] rows, int n, float[] x0, float[] x1,
                                   float[] x2, float[] x3, int o, float[] z0, float[] z1,
                                   float[] z2, float[] z3) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a02 = a00;
        FloatVector a03 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a12 = a00;
        FloatVector a13 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a22 = a00;
        FloatVector a23 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a32 = a00;
        FloatVector a33 = a00;
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            float[] r = w[i];
            FloatVector w0 = FloatVector.fromArray(S, r, o);
            FloatVector w1 = FloatVector.fromArray(S, r, o + L);
            FloatVector w2 = FloatVector.fromArray(S, r, o + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, r, o + 3 * L);
            FloatVector b = FloatVector.broadcast(S, x0[i]);
            a00 = a00.add(b.mul(w0));
            a01 = a01.add(b.mul(w1));
            a02 = a02.add(b.mul(w2));
            a03 = a03.add(b.mul(w3));
            b = FloatVector.broadcast(S, x1[i]);
            a10 = a10.add(b.mul(w0));
            a11 = a11.add(b.mul(w1));
            a12 = a12.add(b.mul(w2));
            a13 = a13.add(b.mul(w3));
            b = FloatVector.broadcast(S, x2[i]);
            a20 = a20.add(b.mul(w0));
            a21 = a21.add(b.mul(w1));
            a22 = a22.add(b.mul(w2));
            a23 = a23.add(b.mul(w3));
            b = FloatVector.broadcast(S, x3[i]);
            a30 = a30.add(b.mul(w0));
            a31 = a31.add(b.mul(w1));
            a32 = a32.add(b.mul(w2));
            a33 = a33.add(b.mul(w3));
        }
        a00.intoArray(z0, o);
        a01.intoArray(z0, o + L);
        a02.intoArray(z0, o + 2 * L);
        a03.intoArray(z0, o + 3 * L);
        a10.intoArray(z1, o);
        a11.intoArray(z1, o + L);
        a12.intoArray(z1, o + 2 * L);
        a13.intoArray(z1, o + 3 * L);
        a20.intoArray(z2, o);
        a21.intoArray(z2, o + L);
        a22.intoArray(z2, o + 2 * L);
        a23.intoArray(z2, o + 3 * L);
        a30.intoArray(z3, o);
        a31.intoArray(z3, o + L);
        a32.intoArray(z3, o + 2 * L);
        a33.intoArray(z3, o + 3 * L);
    }

    private static void fourByOne(float[][] w, int[] rows, int n, float[] x0, float[] x1,
                                  float[] x2, float[] x3, int o, float[] z0, float[] z1,
                                  float[] z2, float[] z3) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            FloatVector v = FloatVector.fromArray(S, w[i], o);
            a0 = a0.add(FloatVector.broadcast(S, x0[i]).mul(v));
            a1 = a1.add(FloatVector.broadcast(S, x1[i]).mul(v));
            a2 = a2.add(FloatVector.broadcast(S, x2[i]).mul(v));
            a3 = a3.add(FloatVector.broadcast(S, x3[i]).mul(v));
        }
        a0.intoArray(z0, o);
        a1.intoArray(z1, o);
        a2.intoArray(z2, o);
        a3.intoArray(z3, o);
    }

    private static void oneByFour(float[][] w, int[] rows, int n, float[] x, int o, float[] z) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            float[] r = w[i];
            FloatVector b = FloatVector.broadcast(S, x[i]);
            a0 = a0.add(b.mul(FloatVector.fromArray(S, r, o)));
            a1 = a1.add(b.mul(FloatVector.fromArray(S, r, o + L)));
            a2 = a2.add(b.mul(FloatVector.fromArray(S, r, o + 2 * L)));
            a3 = a3.add(b.mul(FloatVector.fromArray(S, r, o + 3 * L)));
        }
        a0.intoArray(z, o);
        a1.intoArray(z, o + L);
        a2.intoArray(z, o + 2 * L);
        a3.intoArray(z, o + 3 * L);
    }

    @Override
    public void addOuters(float[][] grad, int out, float[][] gs, float[][] xs, int[] rows,
                          int rowsHeld, int[] rowCount, int[] rowSamples, int slots) {
        for (int b = 0; b < rowsHeld; b++) {
            int i = rows[b];
            float[] g = grad[i];
            int from = i * slots;
            int to = from + rowCount[i];
            int o = 0;
            for (; o + 4 * L <= out; o += 4 * L) {
                FloatVector a0 = FloatVector.fromArray(S, g, o);
                FloatVector a1 = FloatVector.fromArray(S, g, o + L);
                FloatVector a2 = FloatVector.fromArray(S, g, o + 2 * L);
                FloatVector a3 = FloatVector.fromArray(S, g, o + 3 * L);
                for (int k = from; k < to; k++) {
                    int s = rowSamples[k];
                    float[] d = gs[s];
                    FloatVector x = FloatVector.broadcast(S, xs[s][i]);
                    a0 = a0.add(x.mul(FloatVector.fromArray(S, d, o)));
                    a1 = a1.add(x.mul(FloatVector.fromArray(S, d, o + L)));
                    a2 = a2.add(x.mul(FloatVector.fromArray(S, d, o + 2 * L)));
                    a3 = a3.add(x.mul(FloatVector.fromArray(S, d, o + 3 * L)));
                }
                a0.intoArray(g, o);
                a1.intoArray(g, o + L);
                a2.intoArray(g, o + 2 * L);
                a3.intoArray(g, o + 3 * L);
            }
            for (; o + L <= out; o += L) {
                FloatVector a = FloatVector.fromArray(S, g, o);
                for (int k = from; k < to; k++) {
                    int s = rowSamples[k];
                    a = a.add(FloatVector.broadcast(S, xs[s][i]).mul(
                            FloatVector.fromArray(S, gs[s], o)));
                }
                a.intoArray(g, o);
            }
            addOuterRow(g, i, o, out, gs, xs, rowSamples, from, to);
        }
    }
}
