package dev.chainrule.lower;

import dev.chainrule.loops.ArrayRef;

/**
 * Storage shared by the lowering's kernels. Only {@link NonZeros} is left of the layer
 * pipeline's storage map ({@link GraphStorage} places a graph's values); it stays nested here
 * because {@code DenseKernels}, {@code DenseChoices}, {@code GraphStorage} and
 * {@code GraphLowering} name it {@code Storage.NonZeros}.
 */
final class Storage {

    private Storage() {}

    /**
     * Where the forward pass lists the indices of a vector's nonzero elements: {@code count}
     * entries of int array {@code indices}, in increasing order.
     */
    record NonZeros(ArrayRef indices, String count) {}
}
