package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Names reach generated code, so nothing but identifier characters may get through: arbitrary
 * strings (any Unicode, controls, look-alikes, quotes) as keys and inside expressions either
 * fail with a located message or are plain ASCII identifiers.
 */
class GraphNamesTest {

    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    @Example
    void acceptsIdentifiersIncludingKeywordsAndRefusesTheRest() {
        for (String name : new String[] {"x", "_", "_1", "W1", "class", "int", "Int", "NaN",
                "softmax_", "Relu", "a_b_c"}) {
            assertNull(GraphNames.problem(name), name);
        }
        assertEquals("'1x' is not a valid name (expected letters, digits and underscores,"
                + " not starting with a digit)", GraphNames.problem("1x"));
        assertEquals("'x\\u200B' is not a valid name (expected letters, digits and"
                + " underscores, not starting with a digit)", GraphNames.problem("x\u200B"));
        assertEquals("'\u0445' is not a valid name (expected letters, digits and"
                + " underscores, not starting with a digit)", GraphNames.problem("\u0445"));
        assertEquals("'sum' is a function name; choose another name", GraphNames.problem("sum"));
        assertEquals("expected a name such as 'x', got an empty string", GraphNames.problem(""));
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.MIXIN)
    void onlyIdentifiersReachTheSpec(@ForAll("names") String input, @ForAll("names") String param,
            @ForAll("names") String node, @ForAll("names") String output) {
        String json = "{\"name\": \"Net\", \"inputs\": {" + quote(input) + ": [2]},"
                + " \"params\": {" + quote(param) + ": {\"shape\": [2]}},"
                + " \"graph\": {" + quote(node) + ": " + quote(input + " * " + param) + ","
                + " \"out\": " + quote("sum(" + node + ")") + "},"
                + " \"output\": " + quote(output) + "}";
        try {
            GraphSpec spec = (GraphSpec) Descriptions.parse(json, "net.json", null);
            GraphInvariants.checkSpec(spec);
            ACCEPTED.incrementAndGet();
        } catch (SpecException e) {
            GraphInvariants.checkError(e, "net.json");
            REJECTED.incrementAndGet();
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("GraphNamesTest: %d descriptions accepted, %d rejected%n",
                ACCEPTED.get(), REJECTED.get());
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of("x", "W", "h", "out", "_", "class",
                        "Out", "relu", "sum", "x1", "a_b", "out", "out", "x", "W", "h")),
                Tuple.of(2, Arbitraries.strings().withCharRange('0', 'z')
                        .ofMinLength(0).ofMaxLength(4)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(4)),
                Tuple.of(1, Arbitraries.of("x y", "x\n", "x)", "x(", "x+1", "x,y",
                        "\u0445", "x\u200B", "\uFF58", "x\"", "x'", "x\\", "x.y", "x-y", "1e3",
                        "1", ".5", "(x)", "-x", "x ** 2", "\u0000")));
    }

    /** A JSON string: printable ASCII as is, everything else escaped. */
    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                json.append(c);
            } else {
                json.append(String.format("\\u%04x", (int) c));
            }
        }
        return json.append('"').toString();
    }
}
