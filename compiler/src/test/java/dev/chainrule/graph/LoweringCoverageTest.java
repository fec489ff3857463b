package dev.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.graph.op.OpKinds;
import dev.chainrule.description.Precision;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every op kind ({@link OpKinds}: read from the sealed {@code Op}, so a new op is included
 * without anyone listing it) is lowered and checked against the interpreter by a lowering test:
 * it occurs in the optimized graph of {@link OpLoweringTest}, {@link ConvLoweringTest} or
 * {@link GeneratedGraphPropertyTest} (random descriptions) at one of the first {@link #SEEDS}
 * seeds. A new op that none of them reaches fails here, named, until a case lowers it.
 */
class LoweringCoverageTest {

    static final int SEEDS = 8;

    @Test
    void everyOpKindIsLoweredAgainstTheInterpreter() {
        Set<String> lowered = new TreeSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            collect(GraphRun.optimized(OpLoweringTest.sample(seed).forward()), lowered);
            collect(GraphRun.optimized(ConvLoweringTest.sample(seed).forward()), lowered);
            collect(Chainrule.compile(RandomGraphs.generate(seed, Precision.DOUBLE).spec())
                    .optimized(), lowered);
        }
        Set<String> missing = new TreeSet<>(OpKinds.all());
        missing.removeAll(lowered);
        assertEquals(Set.of(), missing, "op kinds no lowering test checks against the"
                + " interpreter (add a case to OpLoweringTest or ConvLoweringTest)");
    }

    private static void collect(Graph g, Set<String> kinds) {
        g.nodes().forEach(n -> kinds.add(OpKinds.of(n.op())));
    }
}
