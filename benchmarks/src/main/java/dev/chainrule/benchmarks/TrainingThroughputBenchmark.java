package dev.chainrule.benchmarks;

import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ParallelTrainer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Training throughput: one operation is one epoch of SGD over a fixed set of {@link #SAMPLES}
 * samples (in a fixed order) in batches of {@code batch}, learning rate 0.01. The primary score
 * is epochs/s; the secondary {@code epoch:samples} score is samples/s (= epochs/s x 2,000), and
 * {@code epoch:cpuNanos} the benchmark thread's CPU ns per second (see {@link Samples}).
 *
 * <p>{@code trainer}: the class Chainrule generated through either backend (they must agree
 * within noise: the same lowered code), driven by a {@link ParallelTrainer} on {@code threads}
 * threads (BYTECODE, SOURCE); the bytecode class called directly through
 * {@code Network.trainBatch}, one thread (BYTECODE_PLAIN); or the hand-written
 * {@link TextbookTrainer} baseline, one thread. All start from the same weights (seed 42), reset
 * before every iteration, so every iteration measures the same training trajectory. Run forked
 * (never {@code -f 0}): each trial must have the {@code trainBatch} call site to itself.
 *
 * <p>{@code ParallelTrainer} hands a batch of at most 16 samples straight to
 * {@code Network.trainBatch}, so at batch 1 BYTECODE and BYTECODE_PLAIN run the same code; above
 * 16 it cuts the batch into fixed 16-sample chunks (on one thread too), so BYTECODE at
 * {@code threads=1} vs BYTECODE_PLAIN shows the cost of the chunked, thread-count-independent
 * gradient. {@code threads} greater than 1 applies only to BYTECODE and SOURCE; other trainers
 * refuse it in setup (the trial fails at once; pass {@code -p threads=1} to skip those).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingThroughputBenchmark {

    /** Samples per epoch (one benchmark operation). */
    public static final int SAMPLES = 2000;

    @Param({"N1", "N2", "N3", "N4"})
    public String net;

    @Param({"1", "32", "128"})
    public int batch;

    @Param({"BYTECODE", "BYTECODE_PLAIN", "SOURCE", "TEXTBOOK"})
    public String trainer;

    /** Threads of the {@link ParallelTrainer} (BYTECODE, SOURCE), the calling one included. */
    @Param({"1", "2"})
    public int threads;

    private double[][] xs;
    private double[][] ts;
    private int[] order;
    private Network chainrule;
    private ParallelTrainer parallel;
    /** Worker threads of {@link #parallel} (CPU time is counted for them too). */
    private long[] workerIds = new long[0];
    private TextbookTrainer textbook;
    private BatchStep step;
    private Network reference;
    private final double learningRate = Nets.LEARNING_RATE;

    /**
     * Samples trained, reported by JMH as samples/s next to the epochs/s score; and the CPU time
     * the benchmark thread spent in them, reported as CPU ns per wall-clock second. On a loaded,
     * shared machine {@code samples / (cpuNanos / 1e9)} (samples per CPU second) is much steadier
     * than samples/s: it leaves out the time the thread was waiting for a core. With
     * {@code threads > 1} cpuNanos also counts the trainer's worker threads (including their
     * spinning between phases), so it can exceed 1e9 per second.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Samples {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long samples;
        public long cpuNanos;

        static long cpuTime() {
            return THREADS.getCurrentThreadCpuTime();
        }

        static long cpuTime(long[] others) {
            long sum = THREADS.getCurrentThreadCpuTime();
            for (long id : others) {
                long t = THREADS.getThreadCpuTime(id);
                sum += t > 0 ? t : 0;
            }
            return sum;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        BenchData data = BenchData.forNetwork(net, SAMPLES);
        xs = data.xs;
        ts = data.ts;
        order = data.order();
        // Seed-42 weights, kept as the starting point of every iteration.
        reference = Nets.chainrule(net, Backend.BYTECODE);
        boolean parallelTrainer = trainer.equals("BYTECODE") || trainer.equals("SOURCE");
        if (threads < 1 || threads > 1 && !parallelTrainer) {
            throw new IllegalArgumentException("threads=" + threads + " with trainer=" + trainer
                    + ": only BYTECODE and SOURCE run on more than one thread (-p threads=1)");
        }
        if (trainer.equals("TEXTBOOK")) {
            textbook = TextbookTrainer.forNetwork(net);
        } else if (trainer.equals("BYTECODE_PLAIN")) {
            chainrule = Nets.chainrule(net, Backend.BYTECODE);
        } else {
            chainrule = Nets.chainrule(net, Backend.valueOf(trainer));
            parallel = new ParallelTrainer((GeneratedNetwork) chainrule, threads);
            workerIds = workerThreadIds(((GeneratedNetwork) chainrule).name() + "-trainer-");
        }
        System.out.printf("%n# data: %s, %.1f%% zero inputs; %s%n", data.source,
                100 * data.zeroFraction(), parallel == null ? "one thread"
                        : "ParallelTrainer, " + threads + " thread(s), "
                        + workerIds.length + " worker(s)");
    }

    /** The ids of the live threads whose names start with {@code prefix}. */
    private static long[] workerThreadIds(String prefix) {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (parallel != null) {
            parallel.close();
            parallel = null;
        }
    }

    @Setup(Level.Iteration)
    public void resetWeights() {
        step = selectedStep();
        if (textbook != null) {
            textbook.copyFrom(reference);
        } else {
            for (String name : reference.parameterNames()) {
                chainrule.setParameter(name, reference.getParameter(name));
            }
        }
    }

    /** One epoch; returns the summed loss so nothing is dead code. */
    @Benchmark
    public double epoch(Samples counter) {
        long[] others = workerIds;
        long start = Samples.cpuTime(others);
        double loss = epochOf(step);
        counter.cpuNanos += Samples.cpuTime(others) - start;
        counter.samples += SAMPLES;
        return loss;
    }

    /** The {@code trainBatch} of whichever trainer this trial measures. */
    @FunctionalInterface
    private interface BatchStep {
        double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                          double learningRate);
    }

    private BatchStep selectedStep() {
        return textbook != null ? textbook::trainBatch
                : parallel != null ? parallel::trainBatch : chainrule::trainBatch;
    }

    /** One pass over the samples, batch by batch. Each trial forks: the call stays monomorphic. */
    private double epochOf(BatchStep step) {
        double loss = 0;
        for (int from = 0; from < SAMPLES; from += batch) {
            loss += step.trainBatch(xs, ts, order, from, Math.min(batch, SAMPLES - from),
                    learningRate);
        }
        return loss;
    }
}
