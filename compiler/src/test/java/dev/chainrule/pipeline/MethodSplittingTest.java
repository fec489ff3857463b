package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.BytecodeBackend;
import dev.chainrule.codegen.MethodSizer;
import dev.chainrule.graph.Graph;
import dev.chainrule.lower.GraphLowering;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A layer network's methods over the budget are split into helpers by measured size, without
 * changing a bit of what they compute.
 */
class MethodSplittingTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void splitMethodsStayUnderBudgetAndComputeTheSame(Backend backend) {
        NetworkSpec spec = RandomSpecs.spec(7, "float");
        Graph graph = Chainrule.compile(spec).optimized();
        // one node's statements are never cut: this network's largest block (an unrolled
        // 2 × 31 kernel) needs about 2,700 bytes, its backward methods several times that
        int budget = 3000;
        LoweredClass split = GraphLowering.lower(graph, MethodSizer::measure, budget);
        LoweredClass whole = GraphLowering.lower(graph, MethodSizer::measure, 100_000);
        assertTrue(split.methods().stream().anyMatch(m -> m.name().contains("_part")),
                "nothing was split at a " + budget + "-byte budget");
        BytecodeBackend.methodSizes(split).forEach((method, size) -> {
            if (!method.equals("<init>")) {
                assertTrue(size <= budget, method + " has " + size + " bytes");
            }
        });
        Network a = backend.instantiate(split);
        Network b = backend.instantiate(whole);
        Initializer.initialize(a, 3);
        Initializer.initialize(b, 3);
        Random rnd = new Random(3);
        double[][] xs = RandomSpecs.inputs(rnd, 8, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, 8, spec.outputSize(), a.classifier());
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        assertEquals(b.trainBatch(xs, ts, order, 0, 8, 0.1), a.trainBatch(xs, ts, order, 0, 8, 0.1));
        for (String p : a.parameterNames()) {
            BackendEquivalenceTest.assertBits(b.getParameter(p), a.getParameter(p), p);
        }
    }
}
