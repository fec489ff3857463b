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

    /**
     * Unit {@code u}. A weight's rows go replica by replica, each replica's marked rows in one
     * loop: per element still replica 1, then 2, ..., and the unit's rows (32 KB) stay in cache
     * for the next replica, the copies and the step.
     */
    void sum(int u) {
        int p = segments.parameter[u];
        Object target = network.gradientArrays()[p];
        boolean rows = target instanceof Object[];
        int from = rows ? segments.from[u] : -1;
        int to = rows ? segments.to[u] : -1;
        for (int r = 1; r < foldEnd; r++) {
            GeneratedNetwork replica = replicas.get(r);
            if (rows) {
                RowArrays.foldRows(target, replica.gradientArrays()[p], replica.rowMarks()[p],
                        from, to);
            } else {
                RowArrays.foldRow(target, replica.gradientArrays()[p]);
            }
        }
        if (copyToLeads) {
            for (int t = 1; t < threads; t++) {
                GeneratedNetwork lead = replicas.get(t);
                Object copy = lead.gradientArrays()[p];
                if (!rows) {
                    RowArrays.copyRow(target, copy);
                    continue;
                }
                for (int row = from; row < to; row++) {
                    RowArrays.copyRow(RowArrays.rowOf(target, row), RowArrays.rowOf(copy, row));
                    RowMarks.set(lead.rowMarks()[p], row);
                }
            }
        }
        if (rowStep != null) {
            rowStep.rows(p, Math.max(from, 0), Math.max(to, 1));
        }
    }
}
