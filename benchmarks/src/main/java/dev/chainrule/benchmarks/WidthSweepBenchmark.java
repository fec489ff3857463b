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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Width sweep: 784-{@code hidden}-10 relu softmax-CE (float, {@link Nets#width}), batch 1 or
 * 128 (a {@link ParallelTrainer} on one thread, as training runs it), the bytecode backend, SGD
 * lr 0.01 over the first {@link #SAMPLES} MNIST images in order. The question: does throughput per FLOP have a cliff where the lowering changes
 * strategy? (LoweringPolicy.DEFAULT unrolls dense layers of at most 64 weights, never reached
 * here, and elementwise ops on at most 16 values: the hidden layer's relu, its derivative and
 * its bias update are straight-line code for hidden = 8 and 16 and loops from 32 on.)
 *
 * <p>One operation is {@link #STEPS} samples (that many batch-1 steps, or one batch of 128); the primary score is samples/s. The
 * secondary {@code step:gflop} is dense-equivalent GFLOP/s, counting
 * {@code 4·784·h + 6·h·10} training FLOPs per sample (forward multiply-add 2·784·h, backward
 * weight gradient and update 2·784·h, and the same three for the output layer; the input-side
 * gradient of the first layer is not needed). The generated code skips zero inputs (81% of
 * MNIST pixels), so this is a dense-equivalent rate, not executed FLOPs. {@code step:cpuNanos}
 * is the benchmark thread's CPU ns per second, as in {@link TrainingThroughputBenchmark}.
 * Weights are reset to seed 42 and the cursor to sample 0 before every iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WidthSweepBenchmark {

    /** Distinct samples, cycled. */
    public static final int SAMPLES = 2000;
    /** Batch-1 steps per benchmark operation. */
    public static final int STEPS = 128;

    @Param({"8", "16", "32", "64", "128", "256", "512", "1024"})
    public int hidden;

    @Param({"1", "128"})
    public int batch;

    private ParallelTrainer trainer;

    private double[][] xs;
    private double[][] ts;
    private int[] order;
    private int cursor;
    private Network net;
    private Network reference;
    private double flopsPerSample;

    /** Dense-equivalent training FLOPs per sample of 784-h-10. */
    public static double flopsPerSample(int hidden) {
        return 4.0 * 784 * hidden + 6.0 * hidden * 10;
    }

    /** GFLOP (dense-equivalent) and the benchmark thread's CPU ns, per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public double gflop;
        public long cpuNanos;
    }

    @Setup(Level.Trial)
    public void setup() {
        String name = "W" + hidden;
        BenchData data = BenchData.forNetwork(name, SAMPLES);
        xs = data.xs;
        ts = data.ts;
        order = data.order();
        reference = Nets.chainrule(name, Backend.BYTECODE);
        net = Nets.chainrule(name, Backend.BYTECODE);
        trainer = batch == 1 ? null : new ParallelTrainer((GeneratedNetwork) net, 1);
        flopsPerSample = flopsPerSample(hidden);
        System.out.printf("%n# data: %s, %.1f%% zero inputs; %.0f FLOP/sample%n", data.source,
                100 * data.zeroFraction(), flopsPerSample);
    }

    @Setup(Level.Iteration)
    public void reset() {
        for (String p : reference.parameterNames()) {
            net.setParameter(p, reference.getParameter(p));
        }
        cursor = 0;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
    }

    /** {@link #STEPS} samples of SGD; returns the summed loss. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double step(Counters counters) {
        long start = TrainingThroughputBenchmark.Samples.cpuTime();
        double loss = 0;
        Network n = net;
        int c = cursor;
        if (trainer != null) {
            c = c + STEPS > SAMPLES ? 0 : c;
            loss = trainer.trainBatch(xs, ts, order, c, STEPS, Nets.LEARNING_RATE);
            c += STEPS;
        } else {
            for (int s = 0; s < STEPS; s++) {
                loss += n.trainBatch(xs, ts, order, c, 1, Nets.LEARNING_RATE);
                c = c + 1 == SAMPLES ? 0 : c + 1;
            }
        }
        cursor = c;
        counters.cpuNanos += TrainingThroughputBenchmark.Samples.cpuTime() - start;
        counters.gflop += STEPS * flopsPerSample * 1e-9;
        return loss;
    }
}
