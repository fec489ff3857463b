package dev.chainrule.runtime;

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
 * Each dense kernel over one 16-sample chunk, µs per chunk: the generated per-sample form of
 * today ({@code perSample}), the plain-Java batch kernels ({@code reference}) and the Panama
 * ones ({@code LIVE}, run with the module).
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BatchKernelsBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BatchKernelsBenchmark {

    @Param({"784x128", "784x256", "256x128", "128x10"})
    public String layer;

    @Param({"perSample", "reference", "simd"})
    public String kernel;

    private KernelCase c;
    private BatchKernels kernels;

    @Setup(Level.Trial)
    public void setUp() {
        c = new KernelCase(layer);
        kernels = kernel.equals("simd") ? BatchKernels.LIVE : BatchKernels.reference();
        if (kernel.equals("simd") && kernels.simd().equals("off")) {
            throw new IllegalStateException("no jdk.incubator.vector in this JVM");
        }
    }

    @Benchmark
    public float[][] products() {
        if (kernel.equals("perSample")) {
            c.productsPerSample();
        } else {
            c.products(kernels);
        }
        return c.zs;
    }

    @Benchmark
    public float[][] outers() {
        if (kernel.equals("perSample")) {
            c.outersPerSample();
        } else {
            c.outers(kernels);
        }
        return c.grad;
    }
}
