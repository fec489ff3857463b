package dev.chainrule.runtime;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Minibatch training on several threads with results that do not depend on the thread count,
 * bit for bit. {@link Training} uses it for every batch of more than {@value #CHUNK_SIZE}
 * samples, whatever its {@code threads} setting; embedders and benchmarks may drive it directly.
 *
 * <p><b>The determinism contract</b> (stated here only). A batch of {@code count} samples is cut
 * into chunks of {@value #CHUNK_SIZE} consecutive samples (the last takes what is left): chunk
 * {@code c} covers {@code order[from + 16c] ..}. Each chunk's gradient {@code G_c} is summed
 * sample by sample in order from zero, exactly as {@link Network#trainBatch} sums a whole batch;
 * the batch gradient is {@code ((G_0 + G_1) + G_2) + ...}, element by element in chunk order.
 * The loss sum is {@code L_0 + L_1 + ...} in the same order. Chunk size and order are
 * constants, so every thread count computes the same additions in the same order. The step
 * then sees nothing but that sum: plain SGD is the generated one with
 * {@code step = learningRate / count} ({@link #trainBatch}); every other optimizer is an
 * element-wise runtime step ({@link OptimizerStep}) on the network's parameters, taken once the
 * sum is complete (after {@link #accumulateBatch}, or row by row as each row's sum becomes
 * final: element-wise, so the same values either way). A batch of at most {@value #CHUNK_SIZE} samples is one chunk: it is
 * exactly {@link Network#trainBatch} (including its fused batch-1 step). Above that, the result
 * can differ in the last bits from one {@code trainBatch} call over the whole batch, which sums
 * all samples into one accumulator.
 *
 * <p><b>How.</b> Chunks run on {@link Replicas}. A batch runs in phases that every thread works
 * on ({@link PhaseBarrier}): (1) chunks, each on its own replica, a thread taking its own
 * replicas' chunks first, then helping the others (a wave of up to {@code 4 * threads} chunks;
 * a bigger batch takes several waves, each continuing the same sum); (2) the sum, into the
 * network's accumulators in chunk order, each thread taking a share of the rows and (for plain
 * SGD) copying its finished rows into every lead, or (a runtime optimizer without clipping)
 * stepping them at once, while in cache; (3) plain SGD's step: every lead applies the
 * generated update to its own copy of the parameters. Same old values, same gradient, same
 * code: the copies stay identical, and no thread writes what another thread's core holds. If
 * the network's parameters are changed between batches (by the caller or a runtime step), the
 * copies are refreshed from it. One thread computes the identical sum with a single extra
 * replica, folded after every chunk while still in cache (waves of one chunk). Only the
 * replica rows the generated code marked as written are folded ({@link RowMarks}).
 *
 * <p>The calling thread works too: {@code threads - 1} daemon threads are started here and
 * stopped by {@link #close()}. In steady state a batch allocates nothing.
 *
 * <pre>{@code
 * try (ParallelTrainer trainer = new ParallelTrainer(net, 2)) {
 *     double lossSum = trainer.trainBatch(xs, ts, order, 0, 128, 0.01);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one batch at a time, and nothing else may use the network meanwhile.
 * Between batches the network may be used and changed freely ({@code setParameter},
 * {@code trainBatch}, {@code predict}).
 */
public final class ParallelTrainer implements AutoCloseable {

    /** Samples per chunk: part of the definition of a batch's gradient, not a tuning knob. */
    public static final int CHUNK_SIZE = 16;

    /**
     * Chunks per thread in a wave. Replicas are kept for one wave, so memory stays bounded
     * whatever the batch size; on two threads a batch of 128 is one wave.
     */
    private static final int WAVE_PER_THREAD = 4;
    /** Ints between two threads' claim counters, so they sit on different cache lines. */
    private static final int PAD = 16;

    private static final int PHASE_CHUNKS = 0;
    private static final int PHASE_SUM = 1;
    private static final int PHASE_STEP = 2;

    private final GeneratedNetwork network;
    private final int threads;
    /** Chunks per wave: the first on replicas 0 .. wave - 1, the others on 1 .. wave. */
    private final int wave;
    private final Replicas replicas;
    /** Each replica's loss sum of the current wave. */
    private double[] chunkLosses = new double[1];

    private final SumPhase sumPhase;

    // The current phase, published to the workers by the barrier.
    private double[][] xs;
    private double[][] ts;
    private int[] order;
    private int from;
    private int count;
    private double step;
    private int phase;
    /** Replicas [itemStart, itemEnd) are the phase's items (chunks or steps). */
    private int itemStart;
    private int itemEnd;
    /** The chunk that replica itemStart runs. */
    private int chunkOfFirstItem;
    /** The runtime step to take row by row in the last sum ({@link #stepBatch}), or null. */
    private OptimizerStep rowStep;
    private double rowStepRate;

    private final PhaseBarrier barrier;
    /** Per thread, PAD apart: how many of its own items have been claimed. */
    private final AtomicIntegerArray claims;
    private final AtomicInteger nextSegment = new AtomicInteger();

    private final PhaseFailures failures = new PhaseFailures();

    /**
     * @param network trained in place
     * @param threads how many threads work on a batch, the calling one included; 1 starts none
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public ParallelTrainer(GeneratedNetwork network, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.network = network;
        this.threads = threads;
        this.wave = threads == 1 ? 1 : WAVE_PER_THREAD * threads;
        this.replicas = new Replicas(network, threads);
        this.claims = new AtomicIntegerArray(threads * PAD);

        sumPhase = new SumPhase(network, replicas, threads);
        barrier = new PhaseBarrier(network.name() + "-trainer", threads, this::work);
    }

    /** The network trained in place. */
    public GeneratedNetwork network() {
        return network;
    }

    /** Threads working on a batch, the calling one included. */
    public int threads() {
        return threads;
    }

    /**
     * One SGD step over the samples {@code order[from] .. order[from + count - 1]}, with the
     * chunked gradient described above; returns the sum of their losses before the step. The
     * same contract as {@link Network#trainBatch}, and the same result for {@code count <=}
     * {@value #CHUNK_SIZE}. Rows are checked before anything changes.
     *
     * @throws IllegalArgumentException if {@code count < 1} or a row has the wrong width
     * @throws IllegalStateException after {@link #close()}
     * @throws RuntimeException if a chunk threw (naming the lowest such chunk; the exception is
     *     its cause): the parameters are unchanged, and the next batch starts clean
     */
    public double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                             double learningRate) {
        checkOpen();
        if (count <= CHUNK_SIZE) {
            return network.trainBatch(xs, ts, order, from, count, learningRate); // checks rows
        }
        network.checkBatch(xs, ts, order, from, count);
        try {
            double lossSum = sumChunks(xs, ts, order, from, count, true);
            step = learningRate / count;
            itemStart = 0;
            itemEnd = threads;
            replicas.leadsStale(); // until every lead has taken the same step
            runPhase(PHASE_STEP);
            replicas.leadsCurrent();
            return lossSum;
        } finally {
            forgetBatch();
        }
    }

    /**
     * Sums the chunked gradient of the samples {@code order[from] .. order[from + count - 1]}
     * (described above) into the network's accumulators, and leaves it there for a step the
     * caller takes (an {@link Optimizer} other than plain SGD); parameters are unchanged.
     * Returns the sum of the samples' losses. For {@code count <=} {@value #CHUNK_SIZE} this is
     * one chunk on the network itself.
     *
     * @throws IllegalArgumentException if {@code count < 1} or a row has the wrong width
     * @throws IllegalStateException after {@link #close()}
     */
    public double accumulateBatch(double[][] xs, double[][] ts, int[] order, int from,
                                  int count) {
        checkOpen();
        network.checkBatch(xs, ts, order, from, count);
        if (count <= CHUNK_SIZE) {
            return network.accumulate(xs, ts, order, from, count);
        }
        try {
            return sumChunks(xs, ts, order, from, count, false);
        } finally {
            forgetBatch();
            replicas.leadsStale(); // the caller's step changes the network's parameters only
        }
    }

    /**
     * A runtime optimizer's step over the samples {@code order[from] .. order[from + count - 1]}:
     * the chunked gradient, then {@code step} at {@code rate}. Without clipping the step runs
     * row by row inside the last sum, on every thread, while each row's sum is still in cache;
     * the result is the same as {@link #accumulateBatch} followed by
     * {@link OptimizerStep#step}. No step is taken when the loss sum (returned) is not finite.
     */
    double stepBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                     OptimizerStep step, double rate) {
        if (count <= CHUNK_SIZE || !step.rowByRow()) {
            double lossSum = accumulateBatch(xs, ts, order, from, count);
            if (!Double.isNaN(lossSum) && !Double.isInfinite(lossSum)) {
                step.step(count, rate);
            }
            return lossSum;
        }
        checkOpen();
        network.checkBatch(xs, ts, order, from, count);
        rowStep = step;
        rowStepRate = rate;
        try {
            return sumChunks(xs, ts, order, from, count, false);
        } finally {
            rowStep = null;
            forgetBatch();
            replicas.leadsStale(); // the step changed the network's parameters only
        }
    }

    private void checkOpen() {
        if (barrier.closed()) {
            throw new IllegalStateException("this ParallelTrainer is closed");
        }
    }

    private void forgetBatch() {
        this.xs = null;
        this.ts = null;
        this.order = null;
    }

    /**
     * The chunk and sum phases of a batch: the network's accumulators end holding the batch's
     * gradient sum, and (with {@code toLeads}) so do the other leads'.
     */
    private double sumChunks(double[][] xs, double[][] ts, int[] order, int from, int count,
                             boolean toLeads) {
        int chunks = SumSegments.ceilDiv(count, CHUNK_SIZE);
        // Replica 0 runs only chunk 0, so a batch of more than one wave needs one more.
        int used = Math.max(threads, chunks <= wave ? chunks : wave + 1);
        replicas.prepare(used);
        if (chunkLosses.length < replicas.size()) {
            chunkLosses = Arrays.copyOf(chunkLosses, replicas.size());
        }
        this.xs = xs;
        this.ts = ts;
        this.order = order;
        this.from = from;
        this.count = count;
        double lossSum = 0;
        // Waves: the first into replicas 0..wave-1, each later one into 1..wave, summed into
        // replica 0 before the next. Per element that is still the one sum
        // ((G_0 + G_1) + G_2) + ..., so the wave size does not show in the result.
        for (int first = 0; first < chunks; ) {
            int base = first == 0 ? 0 : 1;
            int end = Math.min(chunks, first + wave);
            itemStart = base;
            itemEnd = base + end - first;
            chunkOfFirstItem = first;
            runPhase(PHASE_CHUNKS);
            for (int r = itemStart; r < itemEnd; r++) {
                // 0 + L_0 is L_0 bit for bit: a chunk's sum starts from +0, so is never -0.
                lossSum += chunkLosses[r];
            }
            boolean last = end == chunks;
            sumPhase.foldEnd = itemEnd;
            sumPhase.copyToLeads = toLeads && last;
            boolean stepRows = rowStep != null && last && !Double.isNaN(lossSum)
                    && !Double.isInfinite(lossSum);
            if (sumPhase.copyToLeads) {
                for (int t = 1; t < threads; t++) {
                    replicas.get(t).gradientsHeld(true); // from here on they hold a gradient
                }
            }
            if (stepRows) {
                rowStep.begin(count, rowStepRate, 1);
                sumPhase.rowStep = rowStep;
                try {
                    runPhase(PHASE_SUM);
                } finally {
                    sumPhase.rowStep = null;
                    rowStep.finish();
                }
            } else if (itemEnd > 1 || sumPhase.copyToLeads && threads > 1) {
                runPhase(PHASE_SUM);
            }
            for (int r = 1; r < itemEnd; r++) {
                if (!sumPhase.copyToLeads || r >= threads) {
                    replicas.get(r).gradientsHeld(false);
                }
            }
            first = end;
        }
        return lossSum;
    }

    /** Stops the worker threads and waits for them. Idempotent. */
    @Override
    public void close() {
        barrier.close();
    }

    /** Runs one phase on every thread and waits for all; rethrows a work unit's failure. */
    private void runPhase(int kind) {
        phase = kind;
        failures.clear();
        for (int t = 0; t < threads; t++) {
            claims.set(t * PAD, 0);
        }
        nextSegment.set(0);
        barrier.run();
        failures.rethrow(from, count, CHUNK_SIZE);
    }

    /** Claims and runs units of the current phase until none is left; {@code self} is 0.. */
    private void work(int self) {
        if (phase == PHASE_SUM) {
            int units = sumPhase.units();
            for (int u = nextSegment.getAndIncrement(); u < units;
                    u = nextSegment.getAndIncrement()) {
                try {
                    sumPhase.sum(u);
                } catch (Throwable t) {
                    failures.add(PhaseFailures.SUM, t);
                }
            }
            return;
        }
        for (int r = claim(self); r >= 0; r = claim(self)) {
            if (phase == PHASE_STEP) {
                try {
                    replicas.get(r).applyStep(step);
                } catch (Throwable t) {
                    failures.add(PhaseFailures.STEP, t);
                }
                continue;
            }
            int chunk = chunkOfFirstItem + r - itemStart;
            try {
                int start = from + chunk * CHUNK_SIZE;
                chunkLosses[r] = replicas.get(r).accumulate(xs, ts, order, start,
                        Math.min(CHUNK_SIZE, from + count - start));
            } catch (Throwable t) {
                failures.add(chunk, t);
            }
        }
    }

    /**
     * The next unclaimed item of the phase, or -1: thread {@code self}'s own items (those
     * {@code r} with {@code r % threads == self}, whose replicas share its lead's parameters)
     * first, in order, then the other threads' ones.
     */
    private int claim(int self) {
        for (int i = 0; i < threads; i++) {
            int t = self + i < threads ? self + i : self + i - threads;
            int firstOwn = itemStart + Math.floorMod(t - itemStart, threads);
            int r = firstOwn + claims.getAndIncrement(t * PAD) * threads;
            if (r < itemEnd) {
                return r;
            }
        }
        return -1;
    }
}
