package dev.chainrule.runtime;

/**
 * {@link ParallelTrainer}'s sum phase, one unit of {@link SumSegments} at a time (any thread may
 * take any unit): adds the accumulators of replicas {@code 1 .. foldEnd - 1}, in that order,
 * into the network's, zeroing each as it is added and skipping rows a replica has not marked
 * ({@link RowMarks}); then, after the last wave, copies each finished row into the other leads'
 * accumulators or takes a runtime optimizer's step on it, while it is in cache.
 */
final class SumPhase {

    private final GeneratedNetwork network;
    private final Replicas replicas;
    private final int threads;
    private final SumSegments segments;

    /** Replicas {@code 1 .. foldEnd - 1} are added, in that order. */
    int foldEnd;
    /** True after the last wave of a plain SGD batch: every lead needs the sum. */
    boolean copyToLeads;
    /** The step to take on each finished row (after the last wave), or null. */
    OptimizerStep rowStep;

    SumPhase(GeneratedNetwork network, Replicas replicas, int threads) {
        this.network = network;
        this.replicas = replicas;
        this.threads = threads;
        this.segments = new SumSegments(network.parameterArrays());
    }

    int units() {
        return segments.size();
    }

    void sum(int u) {
        int p = segments.parameter[u];
        Object target = network.gradientArrays()[p];
        if (!(target instanceof Object[])) {
            sumRow(target, p, -1);
            return;
        }
        Object[] targetRows = (Object[]) target;
        for (int row = segments.from[u]; row < segments.to[u]; row++) {
            sumRow(targetRows[row], p, row);
        }
    }

    /** {@link #sum} of one row of parameter {@code p}: a weight's {@code row}, or a vector (-1). */
    private void sumRow(Object target, int p, int row) {
        for (int r = 1; r < foldEnd; r++) {
            GeneratedNetwork replica = replicas.get(r);
            if (RowMarks.take(replica.rowMarks()[p], row)) {
                RowArrays.foldRow(target, RowArrays.rowOf(replica.gradientArrays()[p], row));
            }
        }
        if (copyToLeads) {
            for (int t = 1; t < threads; t++) {
                GeneratedNetwork lead = replicas.get(t);
                RowArrays.copyRow(target, RowArrays.rowOf(lead.gradientArrays()[p], row));
                RowMarks.set(lead.rowMarks()[p], row);
            }
        }
        if (rowStep != null) {
            int r = Math.max(row, 0);
            rowStep.rows(p, r, r + 1);
        }
    }
}
