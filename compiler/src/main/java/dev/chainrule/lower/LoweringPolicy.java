package dev.chainrule.lower;

/**
 * The lowering's decisions that depend only on sizes: what to unroll into straight-line code,
 * where skipping exact zeros pays, and how large a method may grow.
 */
public record LoweringPolicy(int unrollElementwiseUpTo, int unrollDenseUpTo,
                             int methodBudgetBytes) {

    /**
     * Small layers straight-line (no loop overhead, scalars stay in registers); methods well under
     * HotSpot's 8,000-byte JIT limit.
     */
    public static final LoweringPolicy DEFAULT = new LoweringPolicy(16, 64, 6000);

    boolean unrollElementwise(int n) {
        return n <= unrollElementwiseUpTo;
    }

    boolean unrollDense(int rows, int cols) {
        return (long) rows * cols <= unrollDenseUpTo;
    }
}
