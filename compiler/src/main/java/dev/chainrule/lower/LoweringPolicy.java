package dev.chainrule.lower;

/**
 * The lowering's decisions that depend only on sizes: which dense kernels to unroll into
 * straight-line code, how many weight rows a blocked kernel takes per pass, and how large a
 * method may grow.
 */
public record LoweringPolicy(int unrollDenseUpTo, int methodBudgetBytes, int rowBlock,
                             int productBlock) {

    /**
     * Small layers straight-line (no loop overhead, scalars stay in registers); four rows per
     * pass where each row is stored or summed alone, eight where they are added into one
     * vector ({@link DenseKernels}); methods well under HotSpot's 8,000-byte JIT limit.
     */
    public static final LoweringPolicy DEFAULT = new LoweringPolicy(64, 6000, 4, 8);

    public LoweringPolicy {
        if (rowBlock < 1 || rowBlock > DenseKernels.MAX_BLOCK || productBlock < 1
                || productBlock > DenseKernels.MAX_BLOCK) {
            throw new IllegalArgumentException("row blocks must be 1 to "
                    + DenseKernels.MAX_BLOCK);
        }
    }

    boolean unrollDense(int rows, int cols) {
        return (long) rows * cols <= unrollDenseUpTo;
    }
}
