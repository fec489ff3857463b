package dev.chainrule.benchmarks;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Description to loaded (and initialized) class, per backend: SOURCE goes through JavaPoet and
 * in-memory javac, BYTECODE through ASM. {@code describeToClass} is the whole pipeline (parse,
 * IR, autodiff, passes, lowering with method sizing, backend, class loading);
 * {@code backendOnly} starts from the lowered class; {@code frontEnd} is parse to lowered class
 * only (it does not depend on {@code backend}: run it with {@code -p backend=BYTECODE}).
 *
 * <p>This is warm (steady-state) time, as in a long-lived process such as a build daemon. For a
 * first compile in a fresh JVM, as the CLI does, run single-shot over several forks:
 * {@code CompileTimeBenchmark.describeToClass -bm ss -tu ms -f 5 -wi 0 -i 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileTimeBenchmark {

    @Param({"worked_example", "iris", "mnist"})
    public String net;

    @Param({"SOURCE", "BYTECODE"})
    public Backend backend;

    private String yaml;

    @Setup
    public void setup() {
        yaml = Nets.yaml(net);
    }

    /**
     * The lowered class, made only for {@code backendOnly}: the other benchmarks' forks must not
     * run the compiler before the first measured call (single-shot cold times).
     */
    @State(Scope.Benchmark)
    public static class Lowered {
        LoweredClass lowered;

        @Setup
        public void lower(CompileTimeBenchmark benchmark) {
            lowered = Chainrule.compile(Nets.spec(benchmark.net)).lowered();
        }
    }

    @Benchmark
    public Class<?> describeToClass() {
        NetworkSpec spec = SpecParser.parse(yaml, net + ".yaml", Path.of("."));
        return backend.load(Chainrule.compile(spec).lowered());
    }

    @Benchmark
    public LoweredClass frontEnd() {
        NetworkSpec spec = SpecParser.parse(yaml, net + ".yaml", Path.of("."));
        return Chainrule.compile(spec).lowered();
    }

    @Benchmark
    public Class<?> backendOnly(Lowered input) {
        return backend.load(input.lowered);
    }
}
