package dev.chainrule.pipeline;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The fused batch-1 step (gradient applied straight to the weights, zero inputs skipped) gives
 * the same weights, bit for bit, as the plain lowering (accumulate, then update): it performs
 * the same products in the same order, and a skipped zero would only have subtracted ±0.
 */
class FusedStepTest {

    @Property(tries = 40)
    void fusedStepEqualsAccumulateThenUpdate(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                             @ForAll boolean doublePrecision) {
        NetworkSpec spec = RandomSpecs.spec(seed, doublePrecision ? "double" : "float");
        LoweredClass lowered = Chainrule.compile(spec).lowered();
        Network fused = Backend.BYTECODE.instantiate(lowered);
        Network plain = Backend.BYTECODE.instantiate(withoutFusedStep(lowered));
        Initializer.initialize(fused, seed);
        Initializer.initialize(plain, seed);
        Random rnd = new Random(seed);
        int n = 10;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), fused.classifier());
        int[] order = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        for (int s = 0; s < n; s++) {
            BackendEquivalenceTest.assertBits(
                    new double[] {plain.trainBatch(xs, ts, order, s, 1, 0.07)},
                    new double[] {fused.trainBatch(xs, ts, order, s, 1, 0.07)}, "loss");
        }
        for (String p : fused.parameterNames()) {
            BackendEquivalenceTest.assertBits(plain.getParameter(p), fused.getParameter(p), p);
        }
    }

    /** The same class without its fused step: the runtime's default runs backward, then update. */
    static LoweredClass withoutFusedStep(LoweredClass c) {
        List<LoweredMethod> methods = c.methods().stream()
                .filter(m -> !m.name().startsWith("backwardAndUpdate")).toList();
        return c.withMethods(methods);
    }
}
