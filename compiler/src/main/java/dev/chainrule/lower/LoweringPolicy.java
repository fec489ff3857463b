package dev.chainrule.lower;

/**
 * The lowering's decisions that depend only on sizes: what to unroll into straight-line code,
 * how many weight rows a blocked kernel takes per pass, whether to list and skip exact zeros,
 * whether hidden weights get an [out][in] mirror for Wᵀg ({@link MirrorKernels}),
 * and how large a method may grow.
 */
public record LoweringPolicy(int unrollElementwiseUpTo, int unrollDenseUpTo,
                             int methodBudgetBytes, int rowBlock, boolean skipZeros,
                             boolean mirrorWeights) {

    /**
     * Small layers straight-line (no loop overhead, scalars stay in registers); four rows per
     * pass; methods well under HotSpot's 8,000-byte JIT limit.
     */
    public static final LoweringPolicy DEFAULT = new LoweringPolicy(16, 64, 6000,
            DenseKernels.MAX_BLOCK, true, true);

    /**
     * The reference the specialized kernels are tested against: one row per pass, every zero
     * multiplied in, no mirrors.
     */
    public static final LoweringPolicy PLAIN = new LoweringPolicy(16, 64, 6000, 1, false, false);

    public LoweringPolicy {
        if (rowBlock < 1 || rowBlock > DenseKernels.MAX_BLOCK) {
            throw new IllegalArgumentException("rowBlock must be 1 to " + DenseKernels.MAX_BLOCK);
        }
    }

    /** A policy with these unrolling limits and budget, otherwise {@link #DEFAULT}'s. */
    public LoweringPolicy(int unrollElementwiseUpTo, int unrollDenseUpTo, int methodBudgetBytes) {
        this(unrollElementwiseUpTo, unrollDenseUpTo, methodBudgetBytes, DEFAULT.rowBlock,
                DEFAULT.skipZeros, DEFAULT.mirrorWeights);
    }

    boolean unrollElementwise(int n) {
        return n <= unrollElementwiseUpTo;
    }

    boolean unrollDense(int rows, int cols) {
        return (long) rows * cols <= unrollDenseUpTo;
    }
}
