package dev.chainrule.description.graph;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.TextDamage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutated graph descriptions through the whole compiler, shapes included: each either becomes
 * a loadable class or fails with one located line (a shape mismatch inside an expression, a
 * non-scalar loss, a conv kernel wider than its padded input), never with another exception.
 * The counts are printed at the end, the conv graph's apart.
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

    private static final List<String> GRAPHS = List.of(SHAPED, GraphAssertions.SEED,
            GraphFuzzTest.CONV);

    /** A conv or pool size argument: a keyword's value or a pool's kernel. */
    private static final Pattern CONV_ARGUMENT = Pattern.compile(
            "\\b(stride|padding|dilation)=(\\[[^\\]]*\\]|-?[0-9]+)|(?<=pool2d\\([a-z]{1,3}, )"
                    + "(\\[[^\\]]*\\]|[0-9]+)");

    /** What a conv or pool argument becomes: out-of-range sizes, wrong keywords, bad lists. */
    private static final List<String> CONV_ARGUMENTS = List.of("stride=0", "stride=-1",
            "stride=[2, 1]", "padding=3", "padding=[1, 0]", "padding=-1", "dilation=2",
            "dilation=[3, 1]", "dilation=0", "strides=1", "kernel=2", "padding=", "9", "[7, 7]",
            "[1]", "[1, 2, 3]", "[0, 2]", "1.5", "x");
    private static final AtomicInteger COMPILED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger CONV_COMPILED = new AtomicInteger();
    private static final AtomicInteger CONV_REJECTED = new AtomicInteger();

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
            if (isConv(text)) {
                CONV_COMPILED.incrementAndGet();
            }
        } catch (SpecException e) {
            REJECTED.incrementAndGet();
            if (isConv(text)) {
                CONV_REJECTED.incrementAndGet();
            }
            if (!e.problem().startsWith("empty description")) {
                GraphInvariants.checkError(e, "net.yaml");
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("GraphCompileFuzzTest: %d compiled and loaded, %d rejected (conv"
                + " graph: %d compiled, %d rejected)%n", COMPILED.get(), REJECTED.get(),
                CONV_COMPILED.get(), CONV_REJECTED.get());
    }

    private static boolean isConv(String text) {
        return text.startsWith("name: Conv");
    }

    /**
     * A mutant of one of the graphs; the conv graph's mutants get, half the time, a conv or
     * pool argument replaced as well (sizes the shape rules must reject, wrong keywords).
     */
    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.randomValue(random -> {
            String graph = GRAPHS.get(random.nextInt(GRAPHS.size()));
            if (graph == GraphFuzzTest.CONV && random.nextBoolean()) {
                String text = TextDamage.replaceOne(random, graph, CONV_ARGUMENT,
                        CONV_ARGUMENTS.get(random.nextInt(CONV_ARGUMENTS.size())));
                return random.nextBoolean() ? text : GraphFuzzTest.mutate(random, text);
            }
            return GraphFuzzTest.mutate(random, graph);
        });
    }
}
