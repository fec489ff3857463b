package dev.chainrule.graph;

import static dev.chainrule.graph.Graphs.call;
import static dev.chainrule.graph.Graphs.name;
import static dev.chainrule.graph.Graphs.num;
import static dev.chainrule.graph.Graphs.op;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.MethodSizer;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.lower.GraphLowering;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.description.graph.Expression;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.Expression.Operator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every method of a graph class stays within the method budget, however the graph is shaped:
 * here many scalar inputs (long loads and exports) and a chain of nodes after the target (a
 * long loss part), lowered with a small budget so that a small graph needs every split.
 * Before, lossOf and the three export methods were never split (a 300-node chain after the
 * target made lossOf 26707 bytes at the default budget, past the JIT's 8000-byte limit; a
 * longer one passes the JVM's 64 KB), and the loads of all inputs, and the copies of named
 * adjoints that share a node (here every input's: d x_k = d total), were each one block the
 * splitter could not cut.
 */
class GraphMethodSizeTest {

    static final int INPUTS = 60;
    static final int CHAIN = 60;
    static final int BUDGET = 400;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyMethodFitsTheBudgetAndComputesTheSame(Backend backend) {
        Graphs.Spec spec = new Graphs.Spec("LongGraph");
        Random rnd = new Random(9);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        Expression total = null;
        for (int k = 0; k < INPUTS; k++) {
            spec.input("x" + k);
            leaves.put("x" + k, Tensor.scalar(rnd.nextDouble() - 0.5));
            total = total == null ? name("x0") : op(Operator.ADD, total, name("x" + k));
        }
        spec.target("t");
        leaves.put("t", Tensor.scalar(0.25));
        spec.node("d0", op(Operator.SUB, total, name("t")));
        for (int k = 1; k < CHAIN; k++) {
            Expression prev = name("d" + (k - 1));
            spec.node("d" + k, op(Operator.ADD, call(Function.TANH, prev),
                    op(Operator.MUL, prev, num(0.5))));
        }
        Chainrule.Compilation c = Chainrule.compile(spec.build());
        LoweredClass lowered = GraphLowering.lower(c.optimized(), MethodSizer::measure, BUDGET);
        for (LoweredMethod m : lowered.methods()) {
            int size = MethodSizer.measure(lowered, m);
            assertTrue(size <= BUDGET, m.name() + " needs " + size + " bytes, over " + BUDGET);
        }
        for (String split : new String[] {"forward", "lossTerms", "exportValues",
                "exportAdjoints", "exportTangents"}) {
            assertTrue(lowered.methods().stream().anyMatch(m -> m.name().equals(split + "_part2")),
                    split + " was not split: the test no longer needs every split");
        }
        Graph g = c.differentiated();
        double[] seed = new double[INPUTS + 1];
        seed[3] = 1;
        GeneratedGraphPropertyTest.close(GraphRun.interpret(g, leaves, seed),
                GraphRun.generated(backend, lowered, g, leaves, seed), backend.name());
    }
}
