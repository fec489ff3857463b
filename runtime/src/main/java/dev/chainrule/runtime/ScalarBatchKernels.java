package dev.chainrule.runtime;

/**
 * The plain-Java {@link BatchKernels}: the reference. Blocked over samples as the Panama kernels
 * are (the same rows skipped), so the two agree bit for bit even on non-finite weights; the
 * inner loops are zero-offset axpy loops over a weight row, which C2 vectorizes by itself.
 */
final class ScalarBatchKernels extends BatchKernels {

    @Override
    public String simd() {
        return "off";
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
            float[] z0 = zs[s];
            float[] z1 = zs[s + 1];
            float[] z2 = zs[s + 2];
            float[] z3 = zs[s + 3];
            clear(z0, out);
            clear(z1, out);
            clear(z2, out);
            clear(z3, out);
            int n = rowsOfAny(x0, x1, x2, x3, in, rows);
            for (int k = 0; k < n; k++) {
                int i = rows[k];
                float[] r = w[i];
                float a0 = x0[i];
                float a1 = x1[i];
                float a2 = x2[i];
                float a3 = x3[i];
                for (int o = 0; o < out; o++) {
                    float wo = r[o];
                    z0[o] += a0 * wo;
                    z1[o] += a1 * wo;
                    z2[o] += a2 * wo;
                    z3[o] += a3 * wo;
                }
            }
        }
        for (; s < samples; s++) {
            productOf(w, rows, rowsOf(xs[s], in, rows), xs[s], 0, out, zs[s]);
        }
    }

    @Override
    public void addOuters(float[][] grad, int out, float[][] gs, float[][] xs, int[] rows,
                          int rowsHeld, int[] rowCount, int[] rowSamples, int slots) {
        for (int b = 0; b < rowsHeld; b++) {
            int i = rows[b];
            addOuterRow(grad[i], i, 0, out, gs, xs, rowSamples, i * slots,
                    i * slots + rowCount[i]);
        }
    }

    private static void clear(float[] z, int out) {
        for (int o = 0; o < out; o++) {
            z[o] = 0f;
        }
    }
}
