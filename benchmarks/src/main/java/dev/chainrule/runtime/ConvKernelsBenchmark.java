package dev.chainrule.runtime;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each conv kernel on one sample of LeNet-5's two convolutions, µs per call, on the plain-Java
 * reference and the Panama path ({@code LIVE}, run with the module). Inputs are about 81% zeros
 * (MNIST's pixels), output gradients about 78% zeros (what a max pool and relu leave).
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ConvKernelsBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvKernelsBenchmark {

    /** LeNet-5's conv1 (1@28×28, 6@5×5, padding 2) and conv2 (6@14×14, 16@5×5). */
    @Param({"conv1", "conv2"})
    public String layer;

    @Param({"reference", "simd"})
    public String kernel;

    private ConvKernels kernels;
    private int[] gm;
    private float[] x;
    private float[] w;
    private float[] b;
    private float[] y;
    private float[] g;
    private float[] dx;
    private float[] gw;
    private float[] cols;
    private int[] positions;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = kernel.equals("simd") ? ConvKernels.LIVE : ConvKernels.reference();
        if (kernel.equals("simd") && kernels.simd().equals("off")) {
            throw new IllegalStateException("no jdk.incubator.vector in this JVM");
        }
        gm = layer.equals("conv1") ? new int[] {1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1}
                : new int[] {6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1};
        int out = ConvKernels.outSize(gm[1], gm[4], gm[6], gm[8], gm[10])
                * ConvKernels.outSize(gm[2], gm[5], gm[7], gm[9], gm[11]);
        Random rnd = new Random(19);
        x = sparse(rnd, gm[0] * gm[1] * gm[2], 0.81);
        w = sparse(rnd, gm[3] * gm[0] * gm[4] * gm[5], 0);
        b = sparse(rnd, gm[3], 0);
        g = sparse(rnd, gm[3] * out, 0.78);
        y = new float[gm[3] * out];
        dx = new float[x.length];
        gw = new float[w.length];
        cols = new float[ConvKernels.scratchLength(gm[0], gm[1], gm[2], gm[4], gm[5], gm[6],
                gm[7], gm[8], gm[9], gm[10], gm[11])];
        positions = new int[out];
    }

    @Benchmark
    public float[] forward() {
        kernels.forward(x, w, b, y, gm[0], gm[1], gm[2], gm[3], gm[4], gm[5], gm[6], gm[7],
                gm[8], gm[9], gm[10], gm[11], cols);
        return y;
    }

    @Benchmark
    public float[] inputGradient() {
        kernels.inputGradient(g, w, dx, gm[0], gm[1], gm[2], gm[3], gm[4], gm[5], gm[6], gm[7],
                gm[8], gm[9], gm[10], gm[11]);
        return dx;
    }

    @Benchmark
    public float[] weightGradient() {
        kernels.weightGradient(g, x, gw, gm[0], gm[1], gm[2], gm[3], gm[4], gm[5], gm[6], gm[7],
                gm[8], gm[9], gm[10], gm[11], cols, positions);
        return gw;
    }

    private static float[] sparse(Random rnd, int n, double zeros) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = rnd.nextDouble() < zeros ? 0f : (float) rnd.nextGaussian();
        }
        return out;
    }
}
