package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.MethodSizer;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.autodiff.Autodiff;
import dev.chainrule.codegen.Backend;
import dev.chainrule.ir.DenseLowering;
import dev.chainrule.ir.Graph;
import dev.chainrule.lower.LoweredClass;
import dev.chainrule.lower.Lowering;
import dev.chainrule.lower.LoweringPolicy;
import dev.chainrule.passes.PassPipeline;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ParallelTrainer;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.SpecParser;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The specialized kernels (nonzero lists, several rows per pass, relu-masked Wᵀg, weight
 * mirrors) train to the same bits as the plain lowering (every row, one at a time, zeros
 * multiplied in), at batch 1 (fused step) and in minibatches, on both backends. They perform the same products and add
 * them in the same order per element; a skipped zero would only have added ±0 to a sum that
 * started at +0, and masked rows are ones multiplied by relu′ = 0.
 */
class SpecializedKernelsTest {

    private static final String[] HIDDEN = {"relu", "relu", "tanh", "sigmoid", "identity"};
    private static final String[] LOSSES = {"squared_error", "mse", "softmax_cross_entropy"};

    @Property(tries = 30)
    void specializedKernelsTrainToThePlainLoweringsBits(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll boolean doublePrecision, @ForAll @IntRange(min = 1, max = 4) int rowBlock,
            @ForAll boolean mirrors) {
        NetworkSpec spec = SpecParser.parse(yaml(seed, doublePrecision), "wide.yaml", Path.of("."));
        Graph graph = PassPipeline.standard(true).run(Autodiff.differentiate(
                DenseLowering.forward(spec)));
        Backend backend = seed % 2 == 0 ? Backend.BYTECODE : Backend.SOURCE;
        Network special = backend.instantiate(lower(spec, graph, new LoweringPolicy(16, 64, 6000,
                rowBlock, true, mirrors)));
        Network plain = backend.instantiate(lower(spec, graph, LoweringPolicy.PLAIN));
        Initializer.initialize(special, seed);
        Initializer.initialize(plain, seed);
        Random rnd = new Random(seed);
        int n = 12;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), plain.classifier());
        int[] order = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 11, 10, 8, 7, 0};
        // Batch-1 steps, minibatches and weights set from outside, interleaved: whatever the
        // specialized class keeps beside its weights (mirrors) must follow every change.
        int[][] schedule = {{0, 1}, {1, 1}, {2, 1}, {3, 4}, {7, 1}, {8, 1}, {9, 4}, {13, 1},
            {0, 0}, {14, 1}, {1, 1}, {2, 3}, {5, 1}};
        train(schedule, plain, special, (from, count) -> plain.trainBatch(xs, ts, order, from,
                count, 0.05), (from, count) -> special.trainBatch(xs, ts, order, from, count, 0.05));
    }

    /**
     * Through a ParallelTrainer (replicas whose weights it copies or shares, stepped by their
     * leads), interleaved with batch-1 steps and weights set from outside: still the plain
     * lowering's bits.
     */
    @Property(tries = 12)
    void specializedKernelsKeepTheBitsUnderParallelTraining(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 3) int threads) {
        NetworkSpec spec = SpecParser.parse(yaml(seed, false), "wide.yaml", Path.of("."));
        Graph graph = PassPipeline.standard(true).run(Autodiff.differentiate(
                DenseLowering.forward(spec)));
        GeneratedNetwork special = (GeneratedNetwork) Backend.BYTECODE.instantiate(
                lower(spec, graph, LoweringPolicy.DEFAULT));
        GeneratedNetwork plain = (GeneratedNetwork) Backend.BYTECODE.instantiate(
                lower(spec, graph, LoweringPolicy.PLAIN));
        Initializer.initialize(special, seed);
        Initializer.initialize(plain, seed);
        Random rnd = new Random(seed);
        int n = 80;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), plain.classifier());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 37) % n;
        }
        try (ParallelTrainer a = new ParallelTrainer(special, threads);
             ParallelTrainer b = new ParallelTrainer(plain, threads)) {
            int[][] schedule = {{0, 40}, {40, 1}, {41, 1}, {42, 38}, {0, 0}, {0, 50}, {50, 1},
                {10, 70}};
            train(schedule, plain, special, (from, count) -> b.trainBatch(xs, ts, order, from,
                    count, 0.05), (from, count) -> a.trainBatch(xs, ts, order, from, count, 0.05));
        }
    }

    /** One way to train a batch: {@code order[from .. from + count - 1]}, returning its loss. */
    private interface Batches {
        double train(int from, int count);
    }

    /**
     * Runs {@code schedule} ({from, count} batches; count 0 sets every parameter from outside,
     * the same in both) on both networks, comparing each loss and finally every parameter.
     */
    private static void train(int[][] schedule, Network plain, Network special,
                              Batches plainBatches, Batches specialBatches) {
        for (int[] step : schedule) {
            if (step[1] == 0) {
                for (String p : plain.parameterNames()) {
                    double[] values = plain.getParameter(p);
                    values[values.length - 1] = values[values.length - 1] * -0.5 + 0.25;
                    plain.setParameter(p, values);
                    special.setParameter(p, values);
                }
                continue;
            }
            BackendEquivalenceTest.assertBits(
                    new double[] {plainBatches.train(step[0], step[1])},
                    new double[] {specialBatches.train(step[0], step[1])}, "loss");
        }
        for (String p : plain.parameterNames()) {
            BackendEquivalenceTest.assertBits(plain.getParameter(p), special.getParameter(p), p);
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
        assertTrue(source.contains("input_nonzero[n] = i;"), "inputs listed");
        assertTrue(source.contains("rows whose relu passed"), "Wᵀg masked by relu");
        assertTrue(source.contains("+ a3 * r3[o]"), "rows blocked");
        assertTrue(source.contains("over the mirror of layer2.weight"), "mirror for Wᵀg");
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

    private static LoweredClass lower(NetworkSpec spec, Graph graph, LoweringPolicy policy) {
        return Lowering.lower(spec, graph, Chainrule.header(spec), policy,
                MethodSizer::measure);
    }
}
