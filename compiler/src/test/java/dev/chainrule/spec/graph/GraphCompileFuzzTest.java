package dev.chainrule.spec.graph;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.spec.Descriptions;
import dev.chainrule.spec.SpecException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutated graph descriptions through the whole compiler, shapes included: each either becomes
 * a loadable class or fails with one located line (a shape mismatch inside an expression, a
 * non-scalar loss), never with another exception.
 */
class GraphCompileFuzzTest {

    private static final String SHAPED = """
            name: Shaped
            inputs:
              x: [3]
              s: []
            targets:
              t: [2]
            params:
              W: {shape: [2, 3]}
              M: {shape: [3, 3]}
              v: {shape: [3]}
            graph:
              h: tanh(M @ x + v)
              r: x @ M
              q: h * s + transpose(M) @ r
              z: W @ q
              p: softmax(z)
              l: softmax_cross_entropy(z, t) + mean(M * M) + sum(W) ** 2
            output: p
            loss: l
            """;

    private static final List<String> GRAPHS = List.of(SHAPED, GraphAssertions.SEED);
    private static final AtomicInteger COMPILED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    @Property(tries = 2000)
    void mutatedGraphsCompileOrFailWithALocatedLine(@ForAll("mutated") String text) {
        GraphSpec spec;
        try {
            if (!(Descriptions.parse(text, "net.yaml", GraphAssertions.BASE) instanceof GraphSpec g)) {
                REJECTED.incrementAndGet();
                return;
            }
            spec = g;
            Backend.BYTECODE.instantiate(Chainrule.compile(spec).lowered());
            COMPILED.incrementAndGet();
        } catch (SpecException e) {
            REJECTED.incrementAndGet();
            if (!e.problem().startsWith("empty description")) {
                GraphInvariants.checkError(e, "net.yaml");
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("GraphCompileFuzzTest: %d compiled and loaded, %d rejected%n",
                COMPILED.get(), REJECTED.get());
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.randomValue(random -> GraphFuzzTest.mutate(random,
                GRAPHS.get(random.nextInt(GRAPHS.size()))));
    }
}
