package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.MethodSizer;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Interpreter;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.lower.GraphLowering;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ParallelTrainer;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The layer form's specialized kernels (lists of nonzero inputs, several weight rows per pass,
 * Wᵀg only for the rows relu let through, weights kept by columns) on wide random networks,
 * whose layers are mostly loops: every loss and training gradient is the reference
 * interpreter's, and training through replicas that copy or share the weights keeps the bits
 * of one thread, whatever is done to the weights from outside in between.
 */
class SpecializedKernelsTest {

    private static final String[] HIDDEN = {"relu", "relu", "tanh", "sigmoid", "identity"};
    private static final String[] LOSSES = {"squared_error", "mse", "softmax_cross_entropy"};

    /**
     * In double, against {@link Interpreter} on the same differentiated graph. Not bit for bit:
     * the interpreter's tanh is {@code Math.tanh}, the class's the runtime's, which may differ
     * in the last place; a wrong kernel is off by far more than the tolerance.
     */
    @Property(tries = 30)
    void specializedKernelsComputeTheInterpretersGradients(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        NetworkSpec spec = SpecParser.parse(yaml(seed, true), "wide.yaml", Path.of("."));
        Chainrule.Compilation c = Chainrule.compile(spec);
        Backend backend = seed % 2 == 0 ? Backend.BYTECODE : Backend.SOURCE;
        Network net = backend.instantiate(c.lowered());
        Initializer.initialize(net, seed);
        Random rnd = new Random(seed);
        double[][] xs = RandomSpecs.inputs(rnd, 3, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, 3, spec.outputSize(), net.classifier());
        Graph g = c.differentiated();
        for (int s = 0; s < xs.length; s++) {
            Map<String, Tensor> leaves = new LinkedHashMap<>();
            leaves.put("input", new Tensor(Shape.of(spec.inputSize()), xs[s].clone()));
            leaves.put("target", new Tensor(Shape.of(spec.outputSize()), ts[s].clone()));
            for (String p : net.parameterNames()) {
                leaves.put(p, new Tensor(Shape.of(net.parameterShape(p)), net.getParameter(p)));
            }
            Tensor[] v = Interpreter.run(g, leaves);
            double loss = net.computeGradient(xs[s], ts[s]);
            close(new double[] {v[g.value("loss")].item()}, new double[] {loss}, "loss");
            for (String p : net.parameterNames()) {
                close(v[g.gradients().get(p)].data(), net.getGradient(p), "d loss / d " + p);
            }
        }
    }

    /**
     * Through a ParallelTrainer on several threads (replicas whose weights it copies or shares,
     * stepped by their leads), interleaved with batch-1 steps and weights set from outside: the
     * bits of the same class trained on one thread.
     */
    @Property(tries = 12)
    void specializedKernelsKeepTheBitsUnderParallelTraining(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 2, max = 3) int threads) {
        NetworkSpec spec = SpecParser.parse(yaml(seed, false), "wide.yaml", Path.of("."));
        Chainrule.Compilation c = Chainrule.compile(spec);
        GeneratedNetwork parallel = (GeneratedNetwork) Backend.BYTECODE.instantiate(c.lowered());
        GeneratedNetwork alone = (GeneratedNetwork) Backend.BYTECODE.instantiate(c.lowered());
        Initializer.initialize(parallel, seed);
        Initializer.initialize(alone, seed);
        Random rnd = new Random(seed);
        int n = 80;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), alone.classifier());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 37) % n;
        }
        // {from, count} batches; count 0 sets every parameter from outside, the same in both
        int[][] schedule = {{0, 40}, {40, 1}, {41, 1}, {42, 38}, {0, 0}, {0, 50}, {50, 1},
            {10, 70}};
        try (ParallelTrainer a = new ParallelTrainer(parallel, threads);
             ParallelTrainer b = new ParallelTrainer(alone, 1)) {
            for (int[] step : schedule) {
                if (step[1] == 0) {
                    for (String p : alone.parameterNames()) {
                        double[] values = alone.getParameter(p);
                        values[values.length - 1] = values[values.length - 1] * -0.5 + 0.25;
                        alone.setParameter(p, values);
                        parallel.setParameter(p, values);
                    }
                    continue;
                }
                BackendEquivalenceTest.assertBits(
                        new double[] {b.trainBatch(xs, ts, order, step[0], step[1], 0.05)},
                        new double[] {a.trainBatch(xs, ts, order, step[0], step[1], 0.05)},
                        "loss");
            }
        }
        for (String p : alone.parameterNames()) {
            BackendEquivalenceTest.assertBits(alone.getParameter(p), parallel.getParameter(p), p);
        }
    }

    /**
     * Large layers' weight gradients held and added a block of samples at a time
     * (PendingOuters) against the same class lowered to add them sample by sample: the same
     * bits, for batches that fill the slots, overflow them and stop in between, directly and
     * through a ParallelTrainer, on both backends.
     */
    @Property(tries = 12)
    void heldWeightGradientsKeepTheBitsOfSampleBySample(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random rnd = new Random(seed);
        String yaml = RandomSpecs.heldOrPlain("Held" + seed, "float", rnd, seed % 2 == 0,
                "tanh");
        NetworkSpec spec = SpecParser.parse(yaml, "held.yaml", Path.of("."));
        Chainrule.Compilation c = Chainrule.compile(spec);
        LoweredClass held = c.lowered();
        LoweredClass plain = GraphLowering.lower(c.optimized(), MethodSizer::measure,
                dev.chainrule.lower.LoweringPolicy.DEFAULT.methodBudgetBytes(), false);
        assertTrue(held.methods().stream().anyMatch(m -> m.name().equals("finishGradients")));
        assertTrue(plain.methods().stream().noneMatch(m -> m.name().equals("finishGradients")));
        int n = 90;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        for (int s = 0; s < n; s++) {
            for (int k = s % 3; k < xs[s].length; k += 3) {
                xs[s][k] = 0; // the lists skip these rows
            }
        }
        Backend backend = seed % 2 == 0 ? Backend.BYTECODE : Backend.SOURCE;
        Network a = backend.instantiate(held);
        Network b = backend.instantiate(plain);
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), a.classifier());
        Initializer.initialize(a, seed);
        Initializer.initialize(b, seed);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 7) % n;
        }
        int[][] batches = {{0, 37}, {37, 1}, {38, 16}, {54, 17}, {71, 5}, {76, 14}};
        for (int[] batch : batches) {
            BackendEquivalenceTest.assertBits(
                    new double[] {b.trainBatch(xs, ts, order, batch[0], batch[1], 0.05)},
                    new double[] {a.trainBatch(xs, ts, order, batch[0], batch[1], 0.05)}, "loss");
        }
        try (ParallelTrainer pa = new ParallelTrainer((GeneratedNetwork) a, 2);
             ParallelTrainer pb = new ParallelTrainer((GeneratedNetwork) b, 1)) {
            pa.trainBatch(xs, ts, order, 0, 90, 0.05);
            pb.trainBatch(xs, ts, order, 0, 90, 0.05);
        }
        a.computeGradient(xs[3], ts[3]);
        b.computeGradient(xs[3], ts[3]);
        for (String p : a.parameterNames()) {
            BackendEquivalenceTest.assertBits(b.getParameter(p), a.getParameter(p), p);
            BackendEquivalenceTest.assertBits(b.getGradient(p), a.getGradient(p), "d " + p);
        }
    }

    @Property(tries = 5)
    void wideReluLayersDoGetTheSpecializedKernels(@ForAll @LongRange(min = 0, max = 1000) long seed) {
        NetworkSpec spec = SpecParser.parse("""
                name: Wide
                input: 30
                layers:
                  - {units: 40, activation: relu}
                  - {units: 20, activation: relu}
                  - {units: 3, activation: softmax}
                loss: softmax_cross_entropy
                """, "wide.yaml", Path.of("."));
        String source = SourceBackend.emit(Chainrule.compile(spec).lowered());
        assertTrue(source.contains("input_nonzeros = listNonZeros(inputs, 0, 30, input_nonzero);"),
                "training inputs listed by the runtime");
        assertTrue(source.contains("input_nonzero[n] = i;"), "inputs listed where all are read");
        assertTrue(source.contains("keep the rows whose relu passed"), "Wᵀg masked by relu");
        assertTrue(source.contains("_mirror[j][i] = row[j];"), "Wᵀg over a mirror");
        assertTrue(source.contains("+ a3 * r3[o]"), "rows blocked");
        assertTrue(source.contains("ParameterLayout.inOut(\"layer1.weight\", 40, 30,"),
                "weights kept by columns");
    }

    /** Within 1e-10 of the largest magnitude of {@code want}: rounding, not a wrong kernel. */
    private static void close(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 1e-300;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], got[k], 1e-10 * scale, what + "[" + k + "]");
        }
    }

    /** Inputs of 10-40 values and layers of 5-40 units, so most layers are loops, not unrolled. */
    private static String yaml(long seed, boolean doublePrecision) {
        Random rnd = new Random(seed);
        String loss = LOSSES[rnd.nextInt(LOSSES.length)];
        int layers = 1 + rnd.nextInt(3);
        StringBuilder y = new StringBuilder("name: Wide").append(seed).append('\n')
                .append("precision: ").append(doublePrecision ? "double" : "float").append('\n')
                .append("input: ").append(10 + rnd.nextInt(31)).append('\n')
                .append("layers:\n");
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            String activation = last && loss.equals("softmax_cross_entropy") ? "softmax"
                    : HIDDEN[rnd.nextInt(HIDDEN.length)];
            int units = last ? 2 + rnd.nextInt(9) : 5 + rnd.nextInt(36);
            y.append("  - {units: ").append(units).append(", activation: ").append(activation)
                    .append(", bias: ").append(rnd.nextBoolean()).append("}\n");
        }
        return y.append("loss: ").append(loss).append('\n').toString();
    }
}
