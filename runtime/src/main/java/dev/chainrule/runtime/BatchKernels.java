package dev.chainrule.runtime;

/**
 * The dense kernels that reuse each loaded weight row across the samples of a minibatch, behind
 * one facade chosen once at start (Lucene's {@code VectorizationProvider} pattern):
 * {@link #LIVE} is the Panama implementation ({@code jdk.incubator.vector}, compiled for Java 17
 * and loaded by name) when the JVM runs with {@code --add-modules jdk.incubator.vector} and it
 * works, else the plain-Java reference. Held in a {@code static final}, so C2 inlines the live one.
 *
 * <p>Every implementation gives the same bits: each output element receives its terms in the
 * contract's order, each product rounded and then added (no fused multiply-add, no
 * reassociation). A row whose input is ±0 for every sample of a block of {@value #SAMPLE_BLOCK}
 * samples is skipped; for finite weights that changes no bit (sums start at +0 and never become
 * −0, so adding ±0 leaves them as they are).
 *
 * <pre>{@code
 * BatchKernels.LIVE.products(w, 784, 128, xs, 16, zs, new int[784]);  // zs[s] = Σ_i xs[s][i]·w[i]
 * }</pre>
 */
public abstract class BatchKernels {

    /** Samples that share each pass over a weight row. */
    public static final int SAMPLE_BLOCK = 4;

    /** The implementation this JVM runs: chosen once, at class initialization. */
    public static final BatchKernels LIVE = choose();

    private static final BatchKernels REFERENCE = new ScalarBatchKernels();

    protected BatchKernels() {
    }

    /** The plain-Java kernels, the reference every other implementation is tested against. */
    public static BatchKernels reference() {
        return REFERENCE;
    }

    /** What runs, for people: {@code "512-bit"} (the vector width in use) or {@code "off"}. */
    public abstract String simd();

    /**
     * {@code zs[s][o] = Σ_i xs[s][i] · w[i][o]} for samples {@code s < samples} and outputs
     * {@code o < out}, terms added in increasing {@code i} from +0. {@code w} is stored
     * {@code [in][out]}; with the transposed copy of a weight ({@code [out][in]}) and the
     * gradients as {@code xs}, the same kernel computes {@code Wᵀδ}. {@code rows} is scratch of
     * at least {@code in} entries.
     */
    public abstract void products(float[][] w, int in, int out, float[][] xs, int samples,
                                  float[][] zs, int[] rows);

    /**
     * Adds held samples' outer products into a gradient stored {@code [in][out]}: for each of
     * the first {@code rowsHeld} rows {@code i} named in {@code rows}, and the {@code rowCount[i]}
     * samples {@code s} listed from {@code rowSamples[i · slots]},
     * {@code grad[i][o] = grad[i][o] + xs[s][i] · gs[s][o]} in list order (the layout of the
     * generated classes' held outer products).
     */
    public abstract void addOuters(float[][] grad, int out, float[][] gs, float[][] xs,
                                   int[] rows, int rowsHeld, int[] rowCount, int[] rowSamples,
                                   int slots);

    /**
     * Lists the rows {@code i < in} where any of the four samples is not ±0 (NaN counts), in
     * increasing order, into {@code rows}; returns how many. Branch-free per row.
     */
    protected static int rowsOfAny(float[] x0, float[] x1, float[] x2, float[] x3, int in,
                                   int[] rows) {
        int n = 0;
        for (int i = 0; i < in; i++) {
            int any = (Float.floatToRawIntBits(x0[i]) | Float.floatToRawIntBits(x1[i])
                    | Float.floatToRawIntBits(x2[i]) | Float.floatToRawIntBits(x3[i])) << 1;
            rows[n] = i; // kept only if counted
            n += (any | -any) >>> 31;
        }
        return n;
    }

    /** Lists the rows {@code i < in} where {@code x[i]} is not ±0, as {@link #rowsOfAny}. */
    protected static int rowsOf(float[] x, int in, int[] rows) {
        int n = 0;
        for (int i = 0; i < in; i++) {
            int bits = Float.floatToRawIntBits(x[i]) << 1;
            rows[n] = i;
            n += (bits | -bits) >>> 31;
        }
        return n;
    }

    /**
     * {@code z[o] = Σ x[i] · w[i][o]} for {@code from <= o < out}, over the {@code n} listed rows
     * in order, from +0: one sample's product, as scalars (a remainder of the blocked kernels).
     */
    protected static void productOf(float[][] w, int[] rows, int n, float[] x, int from, int out,
                                    float[] z) {
        if (from == out) {
            return;
        }
        for (int o = from; o < out; o++) {
            z[o] = 0f;
        }
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            float[] r = w[i];
            float a = x[i];
            for (int o = from; o < out; o++) {
                z[o] += a * r[o];
            }
        }
    }

    /**
     * {@code g[o] += xs[s][i] · gs[s][o]} for {@code from <= o < out}, for the samples
     * {@code s} listed in {@code rowSamples[first .. end - 1]}, in order: one gradient row of
     * {@link #addOuters}, as scalars.
     */
    protected static void addOuterRow(float[] g, int i, int from, int out, float[][] gs,
                                      float[][] xs, int[] rowSamples, int first, int end) {
        for (int k = first; k < end; k++) {
            int s = rowSamples[k];
            float a = xs[s][i];
            float[] d = gs[s];
            for (int o = from; o < out; o++) {
                g[o] += a * d[o];
            }
        }
    }

    /**
     * The Panama kernels if the JVM has {@code jdk.incubator.vector} and they pass a check
     * against the reference, else the reference. {@code -Dchainrule.simd=off} forces the
     * reference. On Java 8 to 16 the class does not load (newer class file or no module).
     */
    private static BatchKernels choose() {
        return KernelChoice.live(BatchKernels.class,
                "dev.chainrule.runtime.simd.PanamaBatchKernels", new ScalarBatchKernels(),
                BatchKernelsCheck::agrees);
    }
}
