package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernel provider: which implementation runs, and that every one gives the bits of the
 * per-sample loops the generated classes run. The build runs this class twice (surefire's
 * {@code default-test} without {@code jdk.incubator.vector}, {@code simd-test} with it), so both
 * paths are checked on every build.
 */
class BatchKernelsTest {

    /** Shapes of the benchmark nets' layers (784-128-10, 784-256-128-10) and odd ones. */
    private static final int[][] SHAPES = {
        {784, 128}, {128, 10}, {784, 256}, {256, 128}, {10, 128}, {83, 37}, {5, 3}};

    private final Random random = new Random(21);

    @Test
    void theVectorKernelsRunExactlyWhenTheModuleIsPresent() {
        boolean present = vectorModulePresent();
        // the build's simd-test run sets this: there the module must be present
        assertEquals(Boolean.getBoolean("chainrule.simd.expected") || present, present,
                "jdk.incubator.vector in this JVM");
        String simd = BatchKernels.LIVE.simd();
        if (present) {
            assertTrue(simd.matches("(256|512)-bit"), simd);
            assertEquals("dev.chainrule.runtime.simd.PanamaBatchKernels",
                    BatchKernels.LIVE.getClass().getName());
        } else {
            assertEquals("off", simd);
            assertEquals(ScalarBatchKernels.class, BatchKernels.LIVE.getClass());
        }
    }

    @Test
    void productsAreThePerSampleZeroSkippingSums() {
        for (int[] shape : SHAPES) {
            int in = shape[0];
            int out = shape[1];
            for (int samples : new int[] {1, 3, 4, 16, 17}) {
                float[][] w = weights(in, out);
                float[][] xs = sparse(samples, in);
                float[][] expected = new float[samples][];
                for (int s = 0; s < samples; s++) {
                    expected[s] = perSampleProduct(w, xs[s], out);
                }
                for (BatchKernels kernels : implementations()) {
                    float[][] zs = filled(samples, out, Float.NaN); // every element is written
                    kernels.products(w, in, out, xs, samples, zs, new int[in]);
                    assertBitsEqual(expected, zs, kernels.simd() + " " + in + "x" + out
                            + " samples " + samples);
                }
            }
        }
    }

    @Test
    void heldOutersAreAddedInSampleOrderLikeTheGeneratedFlush() {
        int slots = 16;
        for (int[] shape : SHAPES) {
            int in = shape[0];
            int out = shape[1];
            float[][] xs = sparse(slots, in);
            float[][] gs = weights(slots, out);
            int[] rows = new int[in];
            int[] rowCount = new int[in];
            int[] rowSamples = new int[in * slots];
            int rowsHeld = 0;
            for (int s = 0; s < slots; s++) { // the flush's lists: each row's nonzero samples
                for (int i = 0; i < in; i++) {
                    if (xs[s][i] != 0f) {
                        if (rowCount[i] == 0) {
                            rows[rowsHeld++] = i;
                        }
                        rowSamples[i * slots + rowCount[i]++] = s;
                    }
                }
            }
            float[][] start = weights(in, out);
            float[][] expected = copy(start);
            for (int s = 0; s < slots; s++) { // sample by sample, as batch 1 adds g xᵀ
                for (int i = 0; i < in; i++) {
                    if (xs[s][i] != 0f) {
                        for (int o = 0; o < out; o++) {
                            expected[i][o] += xs[s][i] * gs[s][o];
                        }
                    }
                }
            }
            for (BatchKernels kernels : implementations()) {
                float[][] grad = copy(start);
                kernels.addOuters(grad, out, gs, xs, rows, rowsHeld, rowCount, rowSamples, slots);
                assertBitsEqual(expected, grad, kernels.simd() + " " + in + "x" + out);
            }
        }
    }

    @Test
    void bothPathsAgreeEvenOnNonFiniteWeights() {
        // Skipping a zero input is exact only for finite weights (0 · ∞ is NaN): both paths skip
        // the same rows, so they still agree with each other.
        float[][] w = weights(100, 64);
        w[3][5] = Float.POSITIVE_INFINITY;
        w[40][0] = Float.NaN;
        float[][] xs = sparse(8, 100);
        xs[0][3] = 0.5f;
        xs[1][3] = 0f;
        float[][] expected = new float[8][64];
        float[][] actual = new float[8][64];
        BatchKernels.reference().products(w, 100, 64, xs, 8, expected, new int[100]);
        BatchKernels.LIVE.products(w, 100, 64, xs, 8, actual, new int[100]);
        assertBitsEqual(expected, actual, BatchKernels.LIVE.simd());
        assertTrue(Float.isNaN(expected[1][5]), "0 · ∞ within a block that reads row 3");
    }

    @Test
    void theStartCheckRejectsKernelsThatAddInAnotherOrder() {
        BatchKernels reversed = new BatchKernels() {
            @Override public String simd() {
                return "reversed";
            }
            @Override public void products(float[][] w, int in, int out, float[][] xs,
                                           int samples, float[][] zs, int[] rows) {
                for (int s = 0; s < samples; s++) {
                    for (int o = 0; o < out; o++) {
                        float z = 0f;
                        for (int i = in - 1; i >= 0; i--) {
                            z += xs[s][i] * w[i][o];
                        }
                        zs[s][o] = z;
                    }
                }
            }
            @Override public void addOuters(float[][] grad, int out, float[][] gs,
                                            float[][] xs, int[] rows, int rowsHeld,
                                            int[] rowCount, int[] rowSamples, int slots) {
                BatchKernels.reference().addOuters(grad, out, gs, xs, rows, rowsHeld, rowCount,
                        rowSamples, slots);
            }
        };
        assertFalse(BatchKernelsCheck.agrees(reversed, BatchKernels.reference()));
        assertTrue(BatchKernelsCheck.agrees(BatchKernels.LIVE, BatchKernels.reference()));
    }

    /** Whether the JVM resolved {@code jdk.incubator.vector} (this test compiles for Java 8). */
    private static boolean vectorModulePresent() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    /** The generated per-sample kernel: {@code z += x[i] · W[i]} over the nonzero inputs. */
    private static float[] perSampleProduct(float[][] w, float[] x, int out) {
        float[] z = new float[out];
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0f) {
                for (int o = 0; o < out; o++) {
                    z[o] += x[i] * w[i][o];
                }
            }
        }
        return z;
    }

    private static BatchKernels[] implementations() {
        return new BatchKernels[] {BatchKernels.reference(), BatchKernels.LIVE};
    }

    /** He-uniform-like weights for {@code in} inputs, none exactly zero. */
    private float[][] weights(int rows, int cols) {
        float bound = (float) Math.sqrt(6.0 / rows);
        float[][] out = new float[rows][cols];
        for (float[] row : out) {
            for (int c = 0; c < cols; c++) {
                row[c] = (random.nextFloat() * 2 - 1) * bound + 1e-7f;
            }
        }
        return out;
    }

    /** Inputs in [0, 1) with about 80% exactly zero (as MNIST's pixels), some −0. */
    private float[][] sparse(int rows, int cols) {
        float[][] out = new float[rows][cols];
        for (float[] row : out) {
            for (int c = 0; c < cols; c++) {
                double u = random.nextDouble();
                row[c] = u < 0.78 ? 0f : u < 0.8 ? -0f : random.nextFloat();
            }
        }
        return out;
    }

    private static float[][] filled(int rows, int cols, float value) {
        float[][] out = new float[rows][cols];
        for (float[] row : out) {
            java.util.Arrays.fill(row, value);
        }
        return out;
    }

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = a[r].clone();
        }
        return out;
    }

    private static void assertBitsEqual(float[][] expected, float[][] actual, String what) {
        for (int r = 0; r < expected.length; r++) {
            int[] e = new int[expected[r].length];
            int[] a = new int[actual[r].length];
            for (int c = 0; c < e.length; c++) {
                e[c] = Float.floatToRawIntBits(expected[r][c]);
                a[c] = Float.floatToRawIntBits(actual[r][c]);
            }
            assertArrayEquals(e, a, what + " row " + r);
        }
    }
}
