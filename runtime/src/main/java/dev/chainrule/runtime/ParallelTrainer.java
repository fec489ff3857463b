package dev.chainrule.runtime;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Minibatch SGD on several threads with results that do not depend on the thread count, bit
 * for bit. {@link Training} uses it for every batch of more than {@value #CHUNK_SIZE} samples,
 * whatever its {@code threads} setting; embedders and benchmarks may drive it directly.
 *
 * <p><b>The chunked gradient.</b> A batch of {@code count} samples is cut into chunks of
 * {@value #CHUNK_SIZE} consecutive samples (the last takes what is left): chunk {@code c} covers
 * {@code order[from + 16c] ..}. Each chunk's gradient {@code G_c} is summed sample by sample in
 * order from zero, exactly as {@link Network#trainBatch} sums a whole batch; the batch gradient
 * is {@code ((G_0 + G_1) + G_2) + ...}, element by element in chunk order, and the step is the
 * generated one with {@code step = learningRate / count}. The loss sum is
 * {@code L_0 + L_1 + ...} in the same order. Chunk size and order are constants, so every thread
 * count computes the same additions in the same order. A batch of at most {@value #CHUNK_SIZE}
 * samples is one chunk: it is exactly {@link Network#trainBatch} (including its fused batch-1
 * step). Above that, the result can differ in the last bits from one {@code trainBatch} call
 * over the whole batch, which sums all samples into one accumulator.
 *
 * <p><b>How.</b> Chunks run on replicas: further instances of the network's class
 * ({@link GeneratedNetwork#newReplica}) with their own activations and accumulators. Each
 * thread {@code t} has a <i>lead</i> replica with its own copy of the parameters (thread 0's is
 * the network itself); the thread's other replicas share its lead's weight rows (the row arrays
 * themselves) and copy its bias vectors before every batch. A batch runs in phases that every
 * thread works on: (1) chunks, each on its own replica, a thread taking its own replicas' chunks
 * first, then helping the others (a wave of up to {@code 4 * threads} chunks; a bigger batch
 * takes several waves, each continuing the same sum); (2) the sum, into the network's
 * accumulators in chunk order, each thread taking a share of the rows and copying its finished
 * rows into every lead; (3) the step: every lead applies the generated update to its own copy
 * of the parameters. Same old values, same gradient, same code: the copies stay identical, and
 * no thread writes what another thread's core holds. If the network's parameters are changed
 * between batches, the copies are refreshed from it. One thread computes the identical sum with
 * a single extra replica, folded after every chunk while still in cache (waves of one chunk).
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

    /** About this many values per unit of the sum's work (32 KB of floats). */
    private static final int SEGMENT_VALUES = 8192;
    /**
     * Chunks per thread in a wave. Replicas are kept for one wave, so memory stays bounded
     * whatever the batch size; on two threads a batch of 128 is one wave.
     */
    private static final int WAVE_PER_THREAD = 4;
    /**
     * How long a thread busy-waits for the next phase, or for the end of one, before it parks:
     * longer than the gap between two phases, so that a batch usually costs no wake-up, yet
     * short enough not to burn a shared core for long.
     */
    private static final long SPIN_NANOS = 50_000L;
    /** Ints between two threads' claim counters, so they sit on different cache lines. */
    private static final int PAD = 16;

    private static final int PHASE_CHUNKS = 0;
    private static final int PHASE_SUM = 1;
    private static final int PHASE_STEP = 2;
    /** Failure codes of the phases without chunks (chunks fail with their index, from 0). */
    private static final int FAILED_SUM = -2;
    private static final int FAILED_STEP = -1;

    private final GeneratedNetwork network;
    private final int threads;
    /** Chunks per wave: the first on replicas 0 .. wave - 1, the others on 1 .. wave. */
    private final int wave;

    /**
     * Replica {@code r} belongs to thread {@code r % threads} and shares the weight rows of
     * that thread's lead, replica {@code r % threads}; replica 0 is the network. Grows on demand.
     */
    private GeneratedNetwork[] replicas;
    /** Each replica's loss sum of the current wave. */
    private double[] chunkLosses;
    /** The network's parameter version that the other leads' copies match, if any. */
    private int leadsVersion;
    private boolean leadsCurrent;

    /** Units of the sum's work: parameter, then its rows [from, to); a vector is one unit. */
    private final int[] segmentParameter;
    private final int[] segmentFrom;
    private final int[] segmentTo;

    // The current phase, published to the workers by the volatile write of generation.
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
    /** The sum folds replicas 1 .. foldEnd - 1 into replica 0, then copies into every lead. */
    private int foldEnd;
    private boolean copyToLeads;
    private Thread caller;

    private final Worker[] workers;
    private volatile int generation;
    private volatile boolean closed;
    /** Per thread, PAD apart: how many of its own items have been claimed. */
    private final AtomicIntegerArray claims;
    private final AtomicInteger nextSegment = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    /** The lowest failure code of the current phase, and its exception. */
    private final Object failureLock = new Object();
    private int failedCode;
    private Throwable failure;

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
        this.replicas = new GeneratedNetwork[] {network};
        this.chunkLosses = new double[1];
        this.claims = new AtomicIntegerArray(threads * PAD);

        Object[] parameters = network.parameterArrays();
        int units = 0;
        for (Object parameter : parameters) {
            units += parameter instanceof Object[]
                    ? ceilDiv(((Object[]) parameter).length, rowsPerSegment((Object[]) parameter))
                    : 1;
        }
        segmentParameter = new int[units];
        segmentFrom = new int[units];
        segmentTo = new int[units];
        int u = 0;
        for (int p = 0; p < parameters.length; p++) {
            if (!(parameters[p] instanceof Object[])) {
                segmentParameter[u] = p;
                segmentTo[u] = 1;
                u++;
                continue;
            }
            Object[] rows = (Object[]) parameters[p];
            int perSegment = rowsPerSegment(rows);
            for (int r = 0; r < rows.length; r += perSegment) {
                segmentParameter[u] = p;
                segmentFrom[u] = r;
                segmentTo[u] = Math.min(rows.length, r + perSegment);
                u++;
            }
        }

        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1, network.name() + "-trainer-" + (w + 1));
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
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
        if (closed) {
            throw new IllegalStateException("this ParallelTrainer is closed");
        }
        if (count <= CHUNK_SIZE) {
            return network.trainBatch(xs, ts, order, from, count, learningRate); // checks rows
        }
        network.checkBatch(xs, ts, order, from, count);
        double lossSum;
        try {
            lossSum = sumChunks(xs, ts, order, from, count, true);
            step = learningRate / count;
            itemStart = 0;
            itemEnd = threads;
            leadsCurrent = false; // until every lead has taken the same step
            runPhase(PHASE_STEP);
            leadsVersion = network.parameterVersion();
            leadsCurrent = true;
        } finally {
            this.xs = null;
            this.ts = null;
            this.order = null;
        }
        return lossSum;
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
        if (closed) {
            throw new IllegalStateException("this ParallelTrainer is closed");
        }
        network.checkBatch(xs, ts, order, from, count);
        if (count <= CHUNK_SIZE) {
            return network.accumulate(xs, ts, order, from, count);
        }
        try {
            return sumChunks(xs, ts, order, from, count, false);
        } finally {
            this.xs = null;
            this.ts = null;
            this.order = null;
            leadsCurrent = false; // the caller's step changes the network's parameters only
        }
    }

    /**
     * The chunk and sum phases of a batch: the network's accumulators end holding the batch's
     * gradient sum, and (with {@code toLeads}) so do the other leads'.
     */
    private double sumChunks(double[][] xs, double[][] ts, int[] order, int from, int count,
                             boolean toLeads) {
        int chunks = ceilDiv(count, CHUNK_SIZE);
        // Replica 0 runs only chunk 0, so a batch of more than one wave needs one more.
        int used = Math.max(threads, chunks <= wave ? chunks : wave + 1);
        ensureReplicas(used);
        if (!leadsCurrent || leadsVersion != network.parameterVersion()) {
            copyParametersToLeads();
        }
        copyBiasesToFollowers(used);
        // Their weights changed behind their generated code (copied into a lead, or a lead's
        // rows stepped under a follower): copies derived from weights must be made again.
        for (int r = 1; r < used; r++) {
            replicas[r].parametersChanged();
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
            foldEnd = itemEnd;
            copyToLeads = toLeads && end == chunks;
            if (copyToLeads) {
                for (int t = 1; t < threads; t++) {
                    replicas[t].gradientsHeld(true); // from here on they hold a gradient
                }
            }
            if (foldEnd > 1 || copyToLeads && threads > 1) {
                runPhase(PHASE_SUM);
            }
            for (int r = 1; r < foldEnd; r++) {
                if (!copyToLeads || r >= threads) {
                    replicas[r].gradientsHeld(false);
                }
            }
            first = end;
        }
        return lossSum;
    }

    /** Stops the worker threads and waits for them. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker.thread);
        }
        Thread batchThread = caller;
        if (batchThread != null) {
            LockSupport.unpark(batchThread); // in case a batch is waiting on another thread
        }
        joinWorkers();
    }

    private void joinWorkers() {
        boolean interrupted = false;
        for (Worker worker : workers) {
            while (worker.thread.isAlive()) {
                try {
                    worker.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one phase on every thread and waits for all; rethrows a work unit's failure. */
    private void runPhase(int kind) {
        phase = kind;
        failedCode = Integer.MAX_VALUE;
        failure = null;
        for (int t = 0; t < threads; t++) {
            claims.set(t * PAD, 0);
        }
        nextSegment.set(0);
        if (workers.length > 0) {
            caller = Thread.currentThread();
            running.set(workers.length);
            generation++; // the only writer; publishes everything above
            for (Worker worker : workers) {
                if (worker.parked) {
                    LockSupport.unpark(worker.thread);
                }
            }
        }
        work(0);
        if (workers.length > 0) {
            awaitWorkers();
        }
        if (failure != null) {
            Throwable cause = failure;
            int code = failedCode;
            failure = null;
            if (code == FAILED_SUM) {
                throw new RuntimeException("training failed while summing gradients: " + cause,
                        cause);
            }
            if (code == FAILED_STEP) {
                throw new RuntimeException("training failed while taking the step: " + cause,
                        cause);
            }
            int start = code * CHUNK_SIZE;
            int end = Math.min(count, start + CHUNK_SIZE) - 1;
            throw new RuntimeException("training failed in chunk " + code + " (samples " + start
                    + ".." + end + " of the batch at order[" + from + "]): " + cause, cause);
        }
    }

    /** Waits until every worker has finished the current phase. */
    private void awaitWorkers() {
        boolean interrupted = false;
        long spinStart = 0;
        for (int spins = 0; running.get() != 0; spins++) {
            if ((spins & 63) != 63) {
                continue;
            }
            long now = System.nanoTime();
            if (spinStart == 0) {
                spinStart = now;
            } else if (now - spinStart > SPIN_NANOS) {
                if (closed) {
                    // Closed from another thread mid-batch: the workers finish their units and
                    // stop; this thread claims whatever they leave.
                    joinWorkers();
                    break;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // a phase cannot be abandoned; keep the status for later
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims and runs units of the current phase until none is left; {@code self} is 0.. */
    private void work(int self) {
        if (phase == PHASE_SUM) {
            int units = segmentParameter.length;
            for (int u = nextSegment.getAndIncrement(); u < units;
                    u = nextSegment.getAndIncrement()) {
                try {
                    sum(u);
                } catch (Throwable t) {
                    fail(FAILED_SUM, t);
                }
            }
            return;
        }
        for (int r = claim(self); r >= 0; r = claim(self)) {
            if (phase == PHASE_STEP) {
                try {
                    replicas[r].applyStep(step);
                } catch (Throwable t) {
                    fail(FAILED_STEP, t);
                }
                continue;
            }
            int chunk = chunkOfFirstItem + r - itemStart;
            try {
                int start = from + chunk * CHUNK_SIZE;
                chunkLosses[r] = replicas[r].accumulate(xs, ts, order, start,
                        Math.min(CHUNK_SIZE, from + count - start));
            } catch (Throwable t) {
                fail(chunk, t);
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

    private void fail(int code, Throwable t) {
        synchronized (failureLock) {
            if (failure == null || code < failedCode) {
                failedCode = code;
                failure = t;
            }
        }
    }

    /**
     * Adds the accumulators of replicas {@code 1 .. foldEnd - 1}, in that order, into replica
     * 0's over unit {@code u}, zeroing each as it is added; then, after the last wave, copies the
     * sums into the other leads' accumulators (lines this thread has just zeroed, so in cache).
     */
    private void sum(int u) {
        int p = segmentParameter[u];
        Object target = network.gradientArrays()[p];
        if (!(target instanceof Object[])) {
            sumRow(target, p, -1);
            return;
        }
        Object[] targetRows = (Object[]) target;
        for (int row = segmentFrom[u]; row < segmentTo[u]; row++) {
            sumRow(targetRows[row], p, row);
        }
    }

    /** {@link #sum} of one row of parameter {@code p}: a weight's {@code row}, or a vector (-1). */
    private void sumRow(Object target, int p, int row) {
        for (int r = 1; r < foldEnd; r++) {
            foldRow(target, rowOf(replicas[r].gradientArrays()[p], row));
        }
        if (copyToLeads) {
            for (int t = 1; t < threads; t++) {
                copyRow(target, rowOf(replicas[t].gradientArrays()[p], row));
            }
        }
    }

    private static Object rowOf(Object accumulator, int row) {
        return row < 0 ? accumulator : ((Object[]) accumulator)[row];
    }

    private static void foldRow(Object target, Object source) {
        if (target instanceof float[]) {
            fold((float[]) target, (float[]) source);
        } else {
            fold((double[]) target, (double[]) source);
        }
    }

    /** {@code target += source; source = 0}: from index 0, so C2 vectorizes it. */
    private static void fold(float[] target, float[] source) {
        int n = target.length;
        if (source.length != n) {
            throw new IllegalStateException("replica rows differ in length");
        }
        for (int j = 0; j < n; j++) {
            target[j] += source[j];
            source[j] = 0f;
        }
    }

    private static void fold(double[] target, double[] source) {
        int n = target.length;
        if (source.length != n) {
            throw new IllegalStateException("replica rows differ in length");
        }
        for (int j = 0; j < n; j++) {
            target[j] += source[j];
            source[j] = 0.0;
        }
    }

    private static void copyRow(Object source, Object target) {
        int length = source instanceof float[]
                ? ((float[]) source).length : ((double[]) source).length;
        System.arraycopy(source, 0, target, 0, length);
    }

    /** Copies every parameter value of the network into the other leads. */
    private void copyParametersToLeads() {
        Object[] source = network.parameterArrays();
        for (int t = 1; t < threads; t++) {
            Object[] target = replicas[t].parameterArrays();
            for (int p = 0; p < source.length; p++) {
                if (source[p] instanceof Object[]) {
                    Object[] sourceRows = (Object[]) source[p];
                    Object[] targetRows = (Object[]) target[p];
                    for (int row = 0; row < sourceRows.length; row++) {
                        copyRow(sourceRows[row], targetRows[row]);
                    }
                } else {
                    copyRow(source[p], target[p]);
                }
            }
        }
        leadsVersion = network.parameterVersion();
        leadsCurrent = true;
    }

    /** Copies the network's bias vectors into the replicas that are not leads, up to {@code n}. */
    private void copyBiasesToFollowers(int n) {
        Object[] source = network.parameterArrays();
        for (int p = 0; p < source.length; p++) {
            if (source[p] instanceof Object[]) {
                continue; // weight rows are shared with the lead
            }
            for (int r = threads; r < n; r++) {
                copyRow(source[p], replicas[r].parameterArrays()[p]);
            }
        }
    }

    /**
     * Creates replicas up to {@code n}: leads with their own parameters (filled by
     * {@link #copyParametersToLeads}), the others sharing their lead's weight rows.
     */
    private void ensureReplicas(int n) {
        if (replicas.length >= n) {
            return;
        }
        GeneratedNetwork[] grown = Arrays.copyOf(replicas, n);
        for (int r = replicas.length; r < n; r++) {
            GeneratedNetwork replica = network.newReplica();
            checkSameShape(replica);
            if (r >= threads) {
                Object[] lead = grown[r % threads].parameterArrays();
                Object[] own = replica.parameterArrays();
                for (int p = 0; p < lead.length; p++) {
                    if (lead[p] instanceof Object[]) {
                        Object[] rows = (Object[]) lead[p];
                        System.arraycopy(rows, 0, (Object[]) own[p], 0, rows.length);
                    }
                }
            } else {
                leadsCurrent = false;
            }
            replica.clearGradients(); // whatever its constructor left, start from zero
            grown[r] = replica;
        }
        replicas = grown;
        chunkLosses = Arrays.copyOf(chunkLosses, n);
    }

    private void checkSameShape(GeneratedNetwork replica) {
        if (replica.getClass() != network.getClass()) {
            throw new IllegalStateException("replica of " + network.getClass().getName()
                    + " is a " + replica.getClass().getName());
        }
        Object[] mine = network.parameterArrays();
        Object[] theirs = replica.parameterArrays();
        boolean same = mine.length == theirs.length;
        for (int p = 0; same && p < mine.length; p++) {
            String shape = shapeOf(mine[p]); // one string per row: build it once, not three times
            same = shape.equals(shapeOf(theirs[p]))
                    && shape.equals(shapeOf(network.gradientArrays()[p]))
                    && shape.equals(shapeOf(replica.gradientArrays()[p]));
        }
        if (!same) {
            throw new IllegalStateException("a replica of " + network.name()
                    + " stores its parameters differently");
        }
    }

    private static String shapeOf(Object array) {
        if (array instanceof float[]) {
            return "f" + ((float[]) array).length;
        }
        if (array instanceof double[]) {
            return "d" + ((double[]) array).length;
        }
        StringBuilder shape = new StringBuilder("[");
        for (Object row : (Object[]) array) {
            shape.append(shapeOf(row)).append(',');
        }
        return shape.append(']').toString();
    }

    private static int rowsPerSegment(Object[] rows) {
        if (rows.length == 0) {
            return 1;
        }
        Object row = rows[0];
        int width = row instanceof float[] ? ((float[]) row).length : ((double[]) row).length;
        return Math.max(1, SEGMENT_VALUES / Math.max(1, width));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** A daemon thread that works on every phase until {@link #close()}. */
    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;

        Worker(int index, String name) {
            this.index = index;
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int next = awaitPhase(seen);
                if (next == seen) {
                    return; // closed
                }
                seen = next;
                work(index);
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Spins, then parks, until a generation other than {@code seen} starts (returned) or
         * the trainer is closed ({@code seen} returned).
         */
        private int awaitPhase(int seen) {
            long spinStart = 0;
            for (int spins = 0; ; spins++) {
                int current = generation;
                if (current != seen || closed) {
                    return current;
                }
                if ((spins & 63) != 63) {
                    continue;
                }
                long now = System.nanoTime();
                if (spinStart == 0) {
                    spinStart = now;
                } else if (now - spinStart > SPIN_NANOS) {
                    parked = true;
                    if (generation == seen && !closed) {
                        LockSupport.park(ParallelTrainer.this);
                    }
                    parked = false;
                    Thread.interrupted(); // an interrupt must not turn parking into spinning
                }
            }
        }
    }
}
