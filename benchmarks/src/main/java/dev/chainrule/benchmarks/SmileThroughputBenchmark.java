package dev.chainrule.benchmarks;

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
import smile.base.mlp.Layer;
import smile.base.mlp.LayerBuilder;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.TimeFunction;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Smile 3.1's {@code MLP} classifier on the same data and batches as
 * {@link TrainingThroughputBenchmark} (its {@code epoch:samples} score = epochs/s x 2,000). Only
 * the classifiers N2..N4: Smile's regression MLP has a single output, so N1 has no counterpart.
 * Smile trains in double precision, through OpenBLAS: run with {@code OPENBLAS_NUM_THREADS=1} in
 * the environment for a one-thread comparison. A new MLP per iteration keeps the trajectory the
 * same (its own random initialization, plain SGD at lr 0.01, no momentum or decay).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SmileThroughputBenchmark {

    @Param({"N2", "N3", "N4"})
    public String net;

    @Param({"1", "32"})
    public int batch;

    private double[][] xs;
    private int[] labels;
    private double[][][] batchXs;
    private int[][] batchLabels;
    private MLP mlp;

    @Setup(Level.Trial)
    public void setup() {
        if (!"1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) {
            System.out.println("\n# WARNING: OPENBLAS_NUM_THREADS is not 1: Smile may use"
                    + " several threads");
        }
        BenchData data = BenchData.forNetwork(net, TrainingThroughputBenchmark.SAMPLES);
        xs = data.xs;
        labels = new int[xs.length];
        for (int k = 0; k < xs.length; k++) {
            double[] t = data.ts[k];
            for (int j = 0; j < t.length; j++) {
                if (t[j] > t[labels[k]]) {
                    labels[k] = j;
                }
            }
        }
        int batches = (xs.length + batch - 1) / batch;
        batchXs = new double[batches][][];
        batchLabels = new int[batches][];
        for (int b = 0; b < batches; b++) {
            int from = b * batch;
            int to = Math.min(from + batch, xs.length);
            batchXs[b] = Arrays.copyOfRange(xs, from, to);
            batchLabels[b] = Arrays.copyOfRange(labels, from, to);
        }
    }

    @Setup(Level.Iteration)
    public void newNetwork() {
        LayerBuilder[] layers;
        switch (net) {
            case "N2":
                layers = new LayerBuilder[] {Layer.input(4), Layer.tanh(8),
                        Layer.mle(3, OutputFunction.SOFTMAX)};
                break;
            case "N3":
                layers = new LayerBuilder[] {Layer.input(784), Layer.rectifier(128),
                        Layer.mle(10, OutputFunction.SOFTMAX)};
                break;
            case "N4":
                layers = new LayerBuilder[] {Layer.input(784), Layer.rectifier(256),
                        Layer.rectifier(128), Layer.mle(10, OutputFunction.SOFTMAX)};
                break;
            default:
                throw new IllegalArgumentException("unknown network " + net);
        }
        mlp = new MLP(layers);
        mlp.setLearningRate(TimeFunction.constant(Nets.LEARNING_RATE));
    }

    @Benchmark
    public MLP epoch(TrainingThroughputBenchmark.Samples counter) {
        long start = TrainingThroughputBenchmark.Samples.cpuTime();
        if (batch == 1) {
            for (int k = 0; k < xs.length; k++) {
                mlp.update(xs[k], labels[k]);
            }
        } else {
            for (int b = 0; b < batchXs.length; b++) {
                mlp.update(batchXs[b], batchLabels[b]);
            }
        }
        counter.cpuNanos += TrainingThroughputBenchmark.Samples.cpuTime() - start;
        counter.samples += xs.length;
        return mlp;
    }
}
