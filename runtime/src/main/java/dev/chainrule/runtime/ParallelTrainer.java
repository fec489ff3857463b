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
 * <p><b>How.</b> Chunk {@code c} runs on replica {@code c}: replica 0 is the network itself, the
 * others are further instances of its class ({@link GeneratedNetwork#newReplica}) with their own
 * activations and accumulators. Replicas share the network's weight rows (the row arrays
 * themselves, so they never go stale and are never copied) and get a copy of its bias vectors
 * before every batch. After the chunks, the accumulators are summed into replica 0's in chunk
 * order, spread over the threads by rows, then replica 0 takes the step. The calling thread works
 * too: {@code threads - 1} daemon threads are started here and stopped by {@link #close()}. In
 * steady state a batch allocates nothing.
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
    /** Busy-wait iterations before parking, while waiting for a phase or its end. */
    private static final int SPINS = 1 << 14;

    private static final int PHASE_CHUNKS = 0;
    private static final int PHASE_REDUCE = 1;

    private final GeneratedNetwork network;
    private final int threads;
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
    private int chunks;
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
        double lossSum = threads == 1
                ? accumulateInline(xs, ts, order, from, count, chunks)
                : accumulateInParallel(xs, ts, order, from, count, chunks);
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

    /**
     * One thread: chunk 0 into the network, each further chunk into one scratch replica that is
     * then folded into the network's accumulators at once, while still in cache. The additions
     * are those of the parallel path, in the same order.
     */
    private double accumulateInline(double[][] xs, double[][] ts, int[] order, int from,
                                    int count, int chunks) {
        ensureReplicas(2);
        GeneratedNetwork scratch = replicas[1];
        refreshBiases(2);
        double lossSum;
        try {
            lossSum = network.accumulate(xs, ts, order, from, CHUNK_SIZE);
        } catch (RuntimeException | Error e) {
            throw chunkFailed(0, from, count, e);
        }
        for (int c = 1; c < chunks; c++) {
            int start = from + c * CHUNK_SIZE;
            try {
                lossSum += scratch.accumulate(xs, ts, order, start,
                        Math.min(CHUNK_SIZE, from + count - start));
            } catch (RuntimeException | Error e) {
                throw chunkFailed(c, from, count, e);
            }
            for (int u = 0; u < segmentParameter.length; u++) {
                fold(u, 1, 2);
            }
            scratch.gradientsCleared();
        }
        return lossSum;
    }

    private double accumulateInParallel(double[][] xs, double[][] ts, int[] order, int from,
                                        int count, int chunks) {
        ensureReplicas(chunks);
        refreshBiases(chunks);
        this.xs = xs;
        this.ts = ts;
        this.order = order;
        this.from = from;
        this.count = count;
        this.chunks = chunks;
        try {
            runPhase(PHASE_CHUNKS);
            double lossSum = chunkLosses[0];
            for (int c = 1; c < chunks; c++) {
                lossSum += chunkLosses[c];
            }
            runPhase(PHASE_REDUCE);
            for (int c = 1; c < chunks; c++) {
                replicas[c].gradientsCleared();
            }
            return lossSum;
        } finally {
            this.xs = null;
            this.ts = null;
            this.order = null;
        }
    }

    /** Runs one phase on every thread and waits for all; rethrows a work unit's failure. */
    private void runPhase(int kind) {
        phase = kind;
        caller = Thread.currentThread();
        failedChunk = Integer.MAX_VALUE;
        failure = null;
        nextWork.set(0);
        running.set(workers.length);
        generation++; // the only writer; publishes everything above
        for (Worker worker : workers) {
            if (worker.parked) {
                LockSupport.unpark(worker.thread);
            }
        }
        work();
        boolean interrupted = false;
        for (int spins = 0; running.get() != 0; ) {
            if (spins < SPINS) {
                spins++;
            } else {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // a phase cannot be abandoned; keep the status for later
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            Throwable cause = failure;
            int chunk = failedChunk;
            failure = null;
            if (chunk < 0) {
                throw new RuntimeException("parallel training failed while summing gradients: "
                        + cause, cause);
            }
            throw chunkFailed(chunk, from, count, cause);
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
            for (int c = nextWork.getAndIncrement(); c < chunks; c = nextWork.getAndIncrement()) {
                try {
                    int start = from + c * CHUNK_SIZE;
                    chunkLosses[c] = replicas[c].accumulate(xs, ts, order, start,
                            Math.min(CHUNK_SIZE, from + count - start));
                } catch (Throwable t) {
                    fail(c, t);
                }
            }
        } else {
            int units = segmentParameter.length;
            for (int u = nextWork.getAndIncrement(); u < units; u = nextWork.getAndIncrement()) {
                try {
                    fold(u, 1, chunks);
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
            for (int spins = 0; ; spins++) {
                int current = generation;
                if (current != seen || closed) {
                    return current;
                }
                if (spins >= SPINS) {
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
