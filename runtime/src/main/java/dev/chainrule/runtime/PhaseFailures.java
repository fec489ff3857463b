package dev.chainrule.runtime;

/**
 * What went wrong in one phase of a {@link ParallelTrainer} batch: of all the work units that
 * threw, the one with the lowest code (a chunk's index, or the sum and step phases' codes), so
 * the report names the same failure whichever thread hit it first.
 */
final class PhaseFailures {

    /** Codes of the phases without chunks; chunks fail with their index, from 0. */
    static final int SUM = -2;
    static final int STEP = -1;

    private int code;
    private Throwable failure;

    /** Forgets the last phase's failure (before a phase starts: no worker is running). */
    void clear() {
        code = Integer.MAX_VALUE;
        failure = null;
    }

    /** Records that work unit {@code code} threw {@code t}; any thread may call it. */
    synchronized void add(int code, Throwable t) {
        if (failure == null || code < this.code) {
            this.code = code;
            failure = t;
        }
    }

    /**
     * Throws the recorded failure, if any, naming where it happened (after a phase: no worker is
     * running); the batch's chunks start at {@code order[from]} and cover {@code count} samples.
     */
    void rethrow(int from, int count, int chunkSize) {
        if (failure == null) {
            return;
        }
        Throwable cause = failure;
        failure = null;
        if (code == SUM) {
            throw new RuntimeException("training failed while summing gradients: " + cause, cause);
        }
        if (code == STEP) {
            throw new RuntimeException("training failed while taking the step: " + cause, cause);
        }
        int start = code * chunkSize;
        int end = Math.min(count, start + chunkSize) - 1;
        throw new RuntimeException("training failed in chunk " + code + " (samples " + start
                + ".." + end + " of the batch at order[" + from + "]): " + cause, cause);
    }
}
