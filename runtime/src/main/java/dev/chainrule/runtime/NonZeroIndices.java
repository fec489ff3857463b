package dev.chainrule.runtime;

/**
 * Lists the positions of a sample's nonzero inputs, for generated code
 * ({@link GeneratedNetwork#listNonZeros}): the loops over a weight's rows then skip the rows of
 * zero inputs (81% of MNIST's pixels). An input counts as zero when it is +0 or −0, exactly as
 * {@code x != 0.0} is false (NaN counts as nonzero).
 *
 * <p>Written on the bits, branch-free per element, and skipping all-zero blocks of eight with
 * one test: on MNIST rows that do not fit in cache this took 0.73-0.78 µs per 784-pixel row
 * against 1.0-1.1 µs for the generated {@code n += x[i] != 0.0 ? 1 : 0} loop, whose compare C2
 * turns into a branch (2026-12-02, Zen 5).
 */
final class NonZeroIndices {

    private static final int BLOCK = 8;

    private NonZeroIndices() {
    }

    /**
     * Writes into {@code indices} the positions {@code i} (counted from {@code from}) of the
     * nonzero elements of {@code x[from .. from + length - 1]}, in increasing order, and returns
     * how many there are. {@code indices} needs room for {@code length} entries.
     */
    static int list(double[] x, int from, int length, int[] indices) {
        int n = 0;
        int i = 0;
        for (; i + BLOCK <= length; i += BLOCK) {
            int at = from + i;
            long any = bits(x[at]) | bits(x[at + 1]) | bits(x[at + 2]) | bits(x[at + 3])
                    | bits(x[at + 4]) | bits(x[at + 5]) | bits(x[at + 6]) | bits(x[at + 7]);
            if (any << 1 == 0) { // only sign bits: all eight are ±0
                continue;
            }
            for (int j = i; j < i + BLOCK; j++) {
                indices[n] = j; // kept only if counted
                n += nonZero(x[from + j]);
            }
        }
        for (; i < length; i++) {
            indices[n] = i;
            n += nonZero(x[from + i]);
        }
        return n;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** 1 unless {@code v} is ±0: the bits without the sign are then 0, else (b | -b) < 0. */
    private static int nonZero(double v) {
        long b = Double.doubleToRawLongBits(v) << 1;
        return (int) ((b | -b) >>> 63);
    }
}
