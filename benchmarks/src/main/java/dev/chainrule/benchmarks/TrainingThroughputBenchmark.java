package dev.chainrule.benchmarks;

import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Network;
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
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Training throughput: one operation is one epoch of SGD over a fixed set of {@link #SAMPLES}
 * samples (in a fixed order) in batches of {@code batch}, learning rate 0.01. The primary score
 * is epochs/s; the secondary {@code epoch:samples} score is samples/s (= epochs/s x 2,000), and
 * {@code epoch:cpuNanos} the benchmark thread's CPU ns per second (see {@link Samples}).
 *
 * <p>{@code trainer}: the class Chainrule generated through either backend (they must agree
 * within noise: the same lowered code), or the hand-written {@link TextbookTrainer} baseline.
 * All three start from the same weights (seed 42), reset before every iteration, so every
 * iteration measures the same training trajectory. Run forked (never {@code -f 0}): each trial
 * must have the {@code trainBatch} call site to itself.
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

    @Param({"1", "32"})
    public int batch;

    @Param({"BYTECODE", "SOURCE", "TEXTBOOK"})
    public String trainer;

    private double[][] xs;
    private double[][] ts;
    private int[] order;
    private Network chainrule;
    private TextbookTrainer textbook;
    private Network reference;
    private final double learningRate = Nets.LEARNING_RATE;

    /**
     * Samples trained, reported by JMH as samples/s next to the epochs/s score; and the CPU time
     * the benchmark thread spent in them, reported as CPU ns per wall-clock second. On a loaded,
     * shared machine {@code samples / (cpuNanos / 1e9)} (samples per CPU second) is much steadier
     * than samples/s: it leaves out the time the thread was waiting for a core.
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
    }

    @Setup(Level.Trial)
    public void setup() {
        BenchData data = BenchData.forNetwork(net, SAMPLES);
        xs = data.xs;
        ts = data.ts;
        order = new int[SAMPLES];
        for (int k = 0; k < SAMPLES; k++) {
            order[k] = k;
        }
        // Seed-42 weights, kept as the starting point of every iteration.
        reference = Nets.chainrule(net, Backend.BYTECODE);
        if (trainer.equals("TEXTBOOK")) {
            textbook = TextbookTrainer.forNetwork(net);
        } else {
            chainrule = Nets.chainrule(net, Backend.valueOf(trainer));
        }
        System.out.printf("%n# data: %s, %.1f%% zero inputs%n", data.source,
                100 * data.zeroFraction());
    }

    @Setup(Level.Iteration)
    public void resetWeights() {
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
        long start = Samples.cpuTime();
        double loss = textbook != null ? textbookEpoch() : chainruleEpoch();
        counter.cpuNanos += Samples.cpuTime() - start;
        counter.samples += SAMPLES;
        return loss;
    }

    private double chainruleEpoch() {
        double loss = 0;
        Network n = chainrule;
        for (int from = 0; from < SAMPLES; from += batch) {
            loss += n.trainBatch(xs, ts, order, from, Math.min(batch, SAMPLES - from),
                    learningRate);
        }
        return loss;
    }

    private double textbookEpoch() {
        double loss = 0;
        TextbookTrainer n = textbook;
        for (int from = 0; from < SAMPLES; from += batch) {
            loss += n.trainBatch(xs, ts, order, from, Math.min(batch, SAMPLES - from),
                    learningRate);
        }
        return loss;
    }
}
