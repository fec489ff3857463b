package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.GradientSums;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ParallelTrainer;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * ParallelTrainer's batch gradient against its determinism contract, computed here without it:
 * each 16-sample chunk's gradient summed alone from zero ({@link GradientSums} on a second
 * instance), then the chunks added in order, in the class's precision. The trainer folds only
 * the replica rows the generated code marked as written; inputs with zeros leave many rows
 * unwritten, so a row written but not marked would be missing from its sum. A step between two
 * batches sends the sum back into the leads' accumulators and changes the weights.
 */
class ChunkedGradientContractTest {

    @Property(tries = 10)
    void parallelBatchGradientIsTheSumOfItsChunksInOrder(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random rnd = new Random(seed);
        boolean doublePrecision = seed % 3 == 0;
        String yaml = RandomSpecs.heldOrPlain("Chunks" + seed,
                doublePrecision ? "double" : "float", rnd, seed % 2 == 0, "relu");
        NetworkSpec spec = SpecParser.parse(yaml, "chunks.yaml", Path.of("."));
        Chainrule.Compilation c = Chainrule.compile(spec);
        assertTrue(SourceBackend.emit(c.lowered()).contains("marks_layer1_weight[i"),
                "the first layer's rows are marked");
        int n = 100;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < xs[s].length; k++) {
                if (rnd.nextInt(4) != 0) {
                    xs[s][k] = 0; // a quarter of the inputs nonzero, so chunks skip rows
                }
            }
        }
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), true);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 31) % n;
        }
        Backend backend = seed % 4 < 2 ? Backend.BYTECODE : Backend.SOURCE;
        for (int threads = 1; threads <= 2; threads++) {
            GeneratedNetwork net = (GeneratedNetwork) backend.instantiate(c.lowered());
            Network reference = backend.instantiate(c.lowered());
            Initializer.initialize(net, seed);
            try (ParallelTrainer trainer = new ParallelTrainer(net, threads)) {
                int[][] batches = {{0, 53}, {53, 40}};
                for (int[] batch : batches) {
                    for (String p : net.parameterNames()) {
                        reference.setParameter(p, net.getParameter(p));
                    }
                    trainer.accumulateBatch(xs, ts, order, batch[0], batch[1]);
                    double[][] want = chunkSum(reference, xs, ts, order, batch[0], batch[1],
                            doublePrecision);
                    String[] names = net.parameterNames();
                    for (int p = 0; p < names.length; p++) {
                        BackendEquivalenceTest.assertBits(want[p], net.getGradient(names[p]),
                                threads + " threads, d " + names[p]);
                    }
                    trainer.trainBatch(xs, ts, order, batch[0], batch[1], 0.05);
                }
            }
        }
    }

    /** The contract's sum: ((G_0 + G_1) + G_2) + ..., each G_c summed alone from zero. */
    private static double[][] chunkSum(Network net, double[][] xs, double[][] ts, int[] order,
                                       int from, int count, boolean doublePrecision) {
        double[][] total = null;
        for (int start = from; start < from + count; start += ParallelTrainer.CHUNK_SIZE) {
            int size = Math.min(ParallelTrainer.CHUNK_SIZE, from + count - start);
            GradientSums.accumulate(net, xs, ts, order, start, size);
            double[][] chunk = GradientSums.read(net);
            if (total == null) {
                total = chunk;
                continue;
            }
            for (int p = 0; p < total.length; p++) {
                for (int k = 0; k < total[p].length; k++) {
                    double sum = total[p][k] + chunk[p][k];
                    // two floats' sum rounded once to double, then to float: the float sum
                    total[p][k] = doublePrecision ? sum : (float) sum;
                }
            }
        }
        return total;
    }
}
