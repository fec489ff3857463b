package dev.chainrule.spark;

import java.io.Serializable;

/**
 * One partition's rows as the generated trainer reads them: inputs and dense targets, and the
 * global index of the first row (rows of a partition are consecutive in the data set's order).
 */
record Block(int partition, long first, double[][] inputs, double[][] targets)
        implements Serializable {

    int size() {
        return inputs.length;
    }

    /** Whether global row {@code index} lives here. */
    boolean holds(long index) {
        return index >= first && index < first + inputs.length;
    }
}
