package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.EarlyStopping;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Optimizer;
import dev.chainrule.runtime.Schedule;
import dev.chainrule.runtime.Training;
import dev.chainrule.description.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The determinism promise with every optimizer: random generated networks, optimizers,
 * schedules, clipping and batch sizes train to the same weights, bit for bit, on either backend
 * and with one or three threads.
 */
class OptimizerDeterminismTest {

    private static final Optimizer[] OPTIMIZERS = {
        Optimizer.sgd(),
        Optimizer.sgd().withMomentum(0.9).withWeightDecay(1e-3),
        Optimizer.sgd().withMomentum(0.5).withNesterov(true),
        Optimizer.adam(),
        Optimizer.adam().withAmsgrad(true).withWeightDecay(0.01),
        Optimizer.adamw(),
    };

    @Property(tries = 15)
    void weightsDependOnNeitherBackendNorThreads(@ForAll @LongRange(max = 1_000_000) long seed,
            @ForAll @IntRange(min = 0, max = 5) int optimizerIndex,
            @ForAll @IntRange(min = 1, max = 70) int batchSize, @ForAll boolean doublePrecision,
            @ForAll boolean clip) {
        NetworkSpec spec = RandomSpecs.spec(seed, doublePrecision ? "double" : "float");
        Random rnd = new Random(seed);
        int rows = 40 + rnd.nextInt(60);
        Network probe = RandomSpecs.network(spec, Backend.BYTECODE, 1);
        Dataset data = new Dataset("random", probe.inputSize(), probe.outputSize(),
                RandomSpecs.inputs(rnd, rows, probe.inputSize()),
                RandomSpecs.targets(rnd, rows, probe.outputSize(), probe.classifier()));
        Training.Builder training = Training.builder().epochs(3).shuffle(true).batchSize(batchSize)
                .learningRate(0.01).seed(seed).optimizer(OPTIMIZERS[optimizerIndex])
                .schedule(Schedule.step(2, 0.5)).gradientClip(clip ? 0.5 : 0)
                .validationSplit(0.1).earlyStopping(EarlyStopping.patience(10));
        List<double[]> reference = null;
        for (Backend backend : new Backend[] {Backend.BYTECODE, Backend.SOURCE}) {
            for (int threads : new int[] {1, 3}) {
                Network net = RandomSpecs.network(spec, backend, seed);
                training.threads(threads).build().run(net, data, null, null);
                List<double[]> weights = new ArrayList<>();
                for (String parameter : net.parameterNames()) {
                    weights.add(net.getParameter(parameter));
                }
                if (reference == null) {
                    reference = weights;
                    continue;
                }
                for (int p = 0; p < weights.size(); p++) {
                    double[] expected = reference.get(p);
                    double[] actual = weights.get(p);
                    for (int k = 0; k < expected.length; k++) {
                        assertEquals(Double.doubleToLongBits(expected[k]),
                                Double.doubleToLongBits(actual[k]),
                                () -> backend + " " + threads + " threads");
                    }
                }
            }
        }
    }
}
