package dev.chainrule.spark;

import java.io.Serializable;

/**
 * One partition's rows as the generated trainer reads them: inputs and dense targets, in the
 * data frame's order. Partition {@code p}'s rows come after those of partitions {@code 0..p-1}.
 */
record Block(int partition, double[][] inputs, double[][] targets) implements Serializable {

    int size() {
        return inputs.length;
    }
}
