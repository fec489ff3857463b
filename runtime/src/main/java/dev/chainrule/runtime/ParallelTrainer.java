package dev.chainrule.runtime;

import java.util.concurrent.atomic.AtomicInteger;
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
 * is {@code ((G_0 + G_1) + G_2) + ...}, element by element in chunk order, and the step is one
 * {@code w -= (learningRate / count) * gradient}. The loss sum is {@code L_0 + L_1 + ...} in the
 * same order. Chunk size and order are constants, so every thread count computes the same
 * additions in the same order. A batch of at most {@value #CHUNK_SIZE} samples is one chunk: it
 * is exactly {@link Network#trainBatch} (including its fused batch-1 step). Above that, the
 * result can differ from one {@code trainBatch} call over the whole batch in the last bits.
 *
 * <p><b>How.</b> Chunks run on replicas: replica 0 is the network itself, the others are further
 * instances of its class ({@link GeneratedNetwork#newReplica}) with their own activations and
 * accumulators. Replicas share the network's weight rows (the row arrays themselves, so they
 * never go stale and are never copied) and get a copy of its bias vectors before every batch.
 * The threads take chunks as they come, each chunk to its own replica (a wave of up to
 * {@code 4 * threads + 1} chunks); then they add the replicas' accumulators into replica 0's in
 * chunk order, each thread taking a share of the rows; the next wave, if any, continues the same
 * sum. Finally replica 0 takes the step. One thread computes the identical sum with a single
 * extra replica, folded after every chunk. The calling thread works too: {@code threads - 1}
 * daemon threads are started here and stopped by {@link #close()}. In steady state a batch
 * allocates nothing.
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

    /** About this many values per unit of reduction work (32 KB of floats). */
    private static final int SEGMENT_VALUES = 8192;
    /**
     * How long a thread busy-waits for the next phase, or for the end of one, before it parks:
     * longer than the serial work between two phases (the step, about 25 us for 784-128-10),
     * so that a batch usually costs no wake-up, yet short enough not to burn a shared core.
     */
    private static final long SPIN_NANOS = Long.getLong("chainrule.spinNanos", 50_000L);

    /**
     * Chunks per thread in a wave: replicas are kept for one wave of chunks, so memory stays
     * bounded whatever the batch size; the first wave of a batch of 128 on two threads is the
     * whole batch. One thread runs waves of one chunk: summed right away, while in cache.
     */
    private static final int WAVE_PER_THREAD = 4;

    private static final int PHASE_CHUNKS = 0;
    private static final int PHASE_REDUCE = 1;

    private final GeneratedNetwork network;
    private final int threads;
    /** Chunks per wave after the first (which has one more, on the network itself). */
    private final int wave;
    private final ParameterLayout[] layouts;

    /** Replica {@code c} runs chunk {@code c}; replica 0 is {@link #network}. Grows on demand. */
    private GeneratedNetwork[] replicas;
    /** Each chunk's loss sum, reduced in chunk order by the calling thread. */
    private double[] chunkLosses;

    /** Reduction work units: parameter, then its rows [from, to); a vector is one unit. */
    private final int[] segmentParameter;
    private final int[] segmentFrom;
    private final int[] segmentTo;

    // The current batch, published to the workers by the volatile write of generation.
    private double[][] xs;
    private double[][] ts;
    private int[] order;
    private int from;
    private int count;
    /** The current wave: chunks [waveFirst, waveEnd) run on replicas from waveBase on. */
    private int waveFirst;
    private int waveEnd;
    private int waveBase;
    /** The reduction folds replicas 1 .. foldEnd - 1 into replica 0. */
    private int foldEnd;
    private int phase;
    private Thread caller;

    private final Worker[] workers;
    private volatile int generation;
    private volatile boolean closed;
    private final AtomicInteger nextWork = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    /** The lowest failed chunk of the current phase (-1: the reduction), and its exception. */
    private final Object failureLock = new Object();
    private int failedChunk;
    private Throwable failure;

    /**
     * @param network trained in place; it is replica 0
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
        this.layouts = network.layouts();
        this.replicas = new GeneratedNetwork[] {network};
        this.chunkLosses = new double[1];

        Object[] parameters = network.parameterArrays();
        int units = 0;
        for (int p = 0; p < layouts.length; p++) {
            units += segmentCount(parameters[p]);
        }
        segmentParameter = new int[units];
        segmentFrom = new int[units];
        segmentTo = new int[units];
        int u = 0;
        for (int p = 0; p < layouts.length; p++) {
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
            workers[w] = new Worker(network.name() + "-trainer-" + (w + 1));
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
    }

    /** The network trained in place (replica 0). */
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
        network.checkBatch(xs, ts, order, from, count);
        if (count <= CHUNK_SIZE) {
            return network.trainBatch(xs, ts, order, from, count, learningRate);
        }
        int chunks = (count + CHUNK_SIZE - 1) / CHUNK_SIZE;
        ensureReplicas(Math.min(chunks, wave + 1));
        refreshBiases(Math.min(chunks, wave + 1));
        this.xs = xs;
        this.ts = ts;
        this.order = order;
        this.from = from;
        this.count = count;
        double lossSum = 0;
        try {
            // Waves of chunks: the first into replicas 0..wave, each later one into 1..wave,
            // folded into replica 0 before the next. Per element that is still the one sum
            // ((G_0 + G_1) + G_2) + ..., so the wave size does not show in the result.
            for (int first = 0; first < chunks; ) {
                int base = first == 0 ? 0 : 1;
                int end = Math.min(chunks, first + wave + 1 - base);
                waveFirst = first;
                waveEnd = end;
                waveBase = base;
                runPhase(PHASE_CHUNKS);
                for (int c = first; c < end; c++) {
                    double chunkLoss = chunkLosses[c - first + base];
                    lossSum = c == 0 ? chunkLoss : lossSum + chunkLoss;
                }
                foldEnd = end - first + base;
                runPhase(PHASE_REDUCE);
                for (int r = 1; r < foldEnd; r++) {
                    replicas[r].gradientsCleared();
                }
                first = end;
            }
        } finally {
            this.xs = null;
            this.ts = null;
            this.order = null;
        }
        network.applyStep(learningRate / count);
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
        failedChunk = Integer.MAX_VALUE;
        failure = null;
        nextWork.set(0);
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
        work();
        if (workers.length > 0) {
            awaitWorkers();
        }
        if (failure != null) {
            Throwable cause = failure;
            int chunk = failedChunk;
            failure = null;
            if (chunk < 0) {
                throw new RuntimeException("training failed while summing gradients: " + cause,
                        cause);
            }
            throw chunkFailed(chunk, from, count, cause);
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
                    // stop; this thread already claimed whatever they left.
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

    /** The exception for chunk {@code chunk} of a batch having thrown {@code cause}. */
    private static RuntimeException chunkFailed(int chunk, int from, int count,
                                                Throwable cause) {
        int start = chunk * CHUNK_SIZE;
        int end = Math.min(count, start + CHUNK_SIZE) - 1;
        return new RuntimeException("training failed in chunk " + chunk + " (samples " + start
                + ".." + end + " of the batch at order[" + from + "]): " + cause, cause);
    }

    /** Claims and runs work units of the current phase until none is left. */
    private void work() {
        if (phase == PHASE_CHUNKS) {
            int first = waveFirst;
            int end = waveEnd;
            int base = waveBase;
            for (int c = first + nextWork.getAndIncrement(); c < end;
                    c = first + nextWork.getAndIncrement()) {
                try {
                    int start = from + c * CHUNK_SIZE;
                    chunkLosses[c - first + base] = replicas[c - first + base].accumulate(xs, ts,
                            order, start, Math.min(CHUNK_SIZE, from + count - start));
                } catch (Throwable t) {
                    fail(c, t);
                }
            }
        } else {
            int units = segmentParameter.length;
            for (int u = nextWork.getAndIncrement(); u < units; u = nextWork.getAndIncrement()) {
                try {
                    fold(u, 1, foldEnd);
                } catch (Throwable t) {
                    fail(-1, t);
                }
            }
        }
    }

    private void fail(int chunk, Throwable t) {
        synchronized (failureLock) {
            if (failure == null || chunk < failedChunk) {
                failedChunk = chunk;
                failure = t;
            }
        }
    }

    /**
     * Adds the accumulators of replicas {@code first .. end - 1}, in that order, into replica 0's
     * over work unit {@code u}, zeroing each as it is added.
     */
    private void fold(int u, int first, int end) {
        int p = segmentParameter[u];
        Object target = network.gradientArrays()[p];
        if (!(target instanceof Object[])) {
            for (int c = first; c < end; c++) {
                foldRow(target, replicas[c].gradientArrays()[p]);
            }
            return;
        }
        Object[] targetRows = (Object[]) target;
        for (int r = segmentFrom[u]; r < segmentTo[u]; r++) {
            Object row = targetRows[r];
            for (int c = first; c < end; c++) {
                foldRow(row, ((Object[]) replicas[c].gradientArrays()[p])[r]);
            }
        }
    }

    private static void foldRow(Object target, Object source) {
        if (target instanceof float[]) {
            fold((float[]) target, (float[]) source);
        } else {
            fold((double[]) target, (double[]) source);
        }
    }

    /** {@code target += source; source = 0}: zero-offset, so C2 vectorizes it. */
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

    /** Copies the network's bias vectors into replicas {@code 1 .. n - 1}. */
    private void refreshBiases(int n) {
        Object[] parameters = network.parameterArrays();
        for (int p = 0; p < parameters.length; p++) {
            if (parameters[p] instanceof Object[]) {
                continue; // weight rows are shared
            }
            Object source = parameters[p];
            int length = layouts[p].out; // a vector's length
            for (int c = 1; c < n; c++) {
                System.arraycopy(source, 0, replicas[c].parameterArrays()[p], 0, length);
            }
        }
    }

    /** Creates replicas up to {@code n}, sharing the network's weight rows. */
    private void ensureReplicas(int n) {
        if (replicas.length >= n) {
            return;
        }
        GeneratedNetwork[] grown = java.util.Arrays.copyOf(replicas, n);
        Object[] parameters = network.parameterArrays();
        for (int c = replicas.length; c < n; c++) {
            GeneratedNetwork replica = network.newReplica();
            checkSameShape(replica);
            Object[] own = replica.parameterArrays();
            for (int p = 0; p < parameters.length; p++) {
                if (parameters[p] instanceof Object[]) {
                    Object[] rows = (Object[]) parameters[p];
                    System.arraycopy(rows, 0, (Object[]) own[p], 0, rows.length);
                }
            }
            replica.clearGradients(); // whatever its constructor left, start from zero
            grown[c] = replica;
        }
        replicas = grown;
        chunkLosses = java.util.Arrays.copyOf(chunkLosses, n);
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
            same = shapeOf(mine[p]).equals(shapeOf(theirs[p]))
                    && shapeOf(network.gradientArrays()[p])
                            .equals(shapeOf(replica.gradientArrays()[p]))
                    && shapeOf(mine[p]).equals(shapeOf(network.gradientArrays()[p]));
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

    private static int segmentCount(Object parameter) {
        if (!(parameter instanceof Object[])) {
            return 1;
        }
        Object[] rows = (Object[]) parameter;
        int perSegment = rowsPerSegment(rows);
        return (rows.length + perSegment - 1) / perSegment;
    }

    private static int rowsPerSegment(Object[] rows) {
        int width = rows.length == 0 ? 1 : rowLength(rows[0]);
        return Math.max(1, SEGMENT_VALUES / Math.max(1, width));
    }

    private static int rowLength(Object row) {
        return row instanceof float[] ? ((float[]) row).length : ((double[]) row).length;
    }

    /** A daemon thread that runs the work of every phase until {@link #close()}. */
    private final class Worker implements Runnable {
        final Thread thread;
        volatile boolean parked;

        Worker(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int next = awaitPhase(seen);
                if (closed) {
                    return;
                }
                seen = next;
                work();
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Spins, then parks, until a generation other than {@code seen} starts or close. */
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
