package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.TextDamage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random token strings for the expression parser and random mutations of valid graph
 * descriptions for the validator: every input either parses into a spec that keeps the
 * {@link GraphInvariants}, or fails with a located one-line {@link SpecException}. No other
 * exception may escape. The counts of accepted and rejected cases are printed at the end.
 */
class GraphFuzzTest {

    static final int TRIES = 10_000;

    private static final String MLP = """
            name: Mlp
            inputs:
              x: [4]
            targets:
              t: [3]
            params:
              W1: {shape: [8, 4], init: he_normal}
              b1: {shape: [8]}
              W2: {shape: [3, 8], init: {normal: {std: 0.1}}}
              b2: {shape: [3], init: [0.1, 0.2, 0.3]}
              s: {shape: [], init: 0.5}
            graph:
              h: relu(W1 @ x + b1)
              z: W2 @ h + b2
              ce: softmax_cross_entropy(z, t)
              l2: sum(W1 * W1) + sum(W2 ** 2)
              loss: ce + 0.01 * l2 * s
            output: z
            loss: loss
            training: {learning_rate: 0.05, batch_size: 8, epochs: 2, shuffle: true}
            """;

    private static final String MORE_OPS = """
            name: MoreOps
            precision: double
            inputs: {a: [], b: []}
            graph:
              c: a + b
              d: a * b + b ** 3
              c2: c + c + 1
              c3: c2 + 1 + c2 + -a
              d2: d * 2 + relu(b + a)
              d3: 3 * d2 + relu(b - a)
              e: c3 - d3
              f: e ** 2
              g: f / 2.0 + 10.0 / f
              h: "exp(-abs(g)) * sigmoid(tanh(g)) + log(sqrt(g * g + 1e-3))"
            output: g
            """;

    /** Rank-3 and rank-4 values, conv2d and the pools with keyword arguments and size lists. */
    static final String CONV = """
            name: Conv
            precision: double
            inputs: {x: [1, 6, 6]}
            targets: {t: [3]}
            params:
              W: {shape: [2, 1, 3, 3], init: he_uniform}
              b: {shape: [2]}
              k: {shape: [2, 1, 1], init: [[[1]], [[2]]]}
              V: {shape: [3, 12]}
            graph:
              c: relu(conv2d(x, W, b, stride=[1, 1], padding=1, dilation=1)) * k
              p: max_pool2d(c, 2, stride=2, padding=[0, 1])
              q: avg_pool2d(p, [2, 2], stride=1)
              f: flatten(q)
              z: V @ reshape(f, [12])
              ce: softmax_cross_entropy(z, t)
            output: z
            loss: ce
            """;

    private static final String SEED_JSON = """
            {"name": "SeedGraph", "package": "samples.graphs", "precision": "double",
             "inputs": {"a": [], "b": []},
             "params": {"W": {"shape": [3, 2], "init": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]},
                        "v": {"shape": [3], "init": "zeros"}},
             "graph": {"c": "a + b", "d": "b + 1", "e": "c * d",
                       "f": "mean(transpose(W) @ v) + log_softmax(v) @ v"},
             "output": "e", "loss": "e"}
            """;

    private static final List<String> YAML_GRAPHS = List.of(GraphAssertions.SEED, MLP, MORE_OPS,
            CONV);

    /** Expression tokens, good and bad, that random token strings are made of. */
    private static final List<String> TOKENS = List.of("a", "b", "x", "W", "h", "_q", "relu",
            "mse", "sum", "softmax_cross_entropy", "rleu", "transpose", "1", "2.5", "1e-3", ".5",
            "2.", "1e", "2x", "1e999", "0", "+", "-", "*", "/", "@", "**", "***", "(", ")", ",",
            "(", ")", " ", " ", "  ", "\t", "\n", "$", "^", "é", "\u0000", "'", "\"", "#", ":",
            "\\", "[", "]", "{", "}", ".", "..", "\uD800", "\uD83D\uDE00", "conv2d", "max_pool2d",
            "avg_pool2d", "flatten", "reshape", "stride", "strides", "padding", "=", "[2, 3]",
            "-1");

    /** Names, good and bad, that mutations rename things to. */
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "x", "t", "W1",
            "h", "z", "loss", "relu", "exp", "class", "int", "A", "_", "1a", "a b", "é", "a.b",
            "\"\"", "''", "null", "true", "3", "-1", "[]", "{}", "x:", "#", "a-b");

    private static final List<String> SHAPES = List.of("[]", "[0]", "[-1]", "[3, 2, 1]",
            "[a]", "[1.5]", "[2]", "[3, 2]", "[2, 3]", "[8]", "[100000, 100000]", "2", "{}",
            "[[2]]", "[01]", "");

    private static final List<String> GARBAGE = List.of(":", " ", "\n", "  ", "-", "[", "]",
            "{", "}", ",", "\"", "'", "#", "\t", "&a", "*a", "---", "0", "-1", "1.5", ".nan",
            "~", "graph", "inputs", "output", "shape", "init", "é", "\u0000", "+", "*", "**",
            "(", ")", "@", "relu(", "x");

    private static final Pattern NAME = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");
    private static final Pattern SHAPE = Pattern.compile("\\[[^\\[\\]]*\\]");
    private static final Pattern NODE_LINE = Pattern.compile("(?m)^  ([A-Za-z0-9_]+): (.*)$");

    private static final AtomicInteger[] COUNTS = new AtomicInteger[6];

    static {
        Arrays.setAll(COUNTS, i -> new AtomicInteger());
    }

    @Property(tries = TRIES)
    void randomTokenStringsParseOrFailWithALocatedLine(@ForAll("tokenStrings") String text) {
        ExpressionSource source = new ExpressionSource(text, "net.yaml", 9, 6, "graph.e", true);
        try {
            Expression expression = ExpressionParser.parse(source);
            COUNTS[0].incrementAndGet();
            String printed = ExpressionPrinter.print(expression);
            assertEquals(printed, ExpressionPrinter.print(ExpressionParser.parse(
                    new ExpressionSource(printed, "net.yaml", 1, 1, "graph.e", true))), text);
        } catch (SpecException e) {
            COUNTS[1].incrementAndGet();
            GraphInvariants.checkError(e, "net.yaml");
            assertEquals(9, e.line(), e.getMessage());
            assertEquals("graph.e", e.path(), e.getMessage());
            if (!e.problem().startsWith("expression nested") && !e.problem().startsWith(
                    "expression too long")) {
                int column = e.column();
                org.junit.jupiter.api.Assertions.assertTrue(
                        column >= 6 && column <= 6 + text.length(), e.getMessage());
            }
        }
    }

    @Property(tries = TRIES)
    void mutatedYamlGraphsParseOrFailWithALocatedLine(@ForAll("mutatedYaml") String text) {
        check(text, "net.yaml", 2);
    }

    @Property(tries = TRIES)
    void mutatedJsonGraphsParseOrFailWithALocatedLine(@ForAll("mutatedJson") String text) {
        check(text, "net.json", 4);
    }

    private static void check(String text, String file, int counter) {
        try {
            GraphInvariants.checkSpec((GraphSpec) Descriptions.parse(text, file,
                    GraphAssertions.BASE));
            COUNTS[counter].incrementAndGet();
        } catch (SpecException e) {
            COUNTS[counter + 1].incrementAndGet();
            if (e.problem().startsWith("empty description")) {
                return;  // nothing left to point at: the mutations commented everything out
            }
            GraphInvariants.checkError(e, file);
        } catch (ClassCastException e) {
            // the mutation removed the graph key: a layer description, not this test's concern
            COUNTS[counter + 1].incrementAndGet();
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("GraphFuzzTest: expressions %d parsed + %d rejected;"
                        + " YAML graphs %d valid + %d rejected; JSON graphs %d valid + %d"
                        + " rejected%n", COUNTS[0].get(), COUNTS[1].get(), COUNTS[2].get(),
                COUNTS[3].get(), COUNTS[4].get(), COUNTS[5].get());
    }

    @Provide
    Arbitrary<String> tokenStrings() {
        return Arbitraries.randomValue(random -> tokens(random, 1 + random.nextInt(24)));
    }

    @Provide
    Arbitrary<String> mutatedYaml() {
        return Arbitraries.randomValue(random -> mutate(random,
                YAML_GRAPHS.get(random.nextInt(YAML_GRAPHS.size()))));
    }

    @Provide
    Arbitrary<String> mutatedJson() {
        return Arbitraries.randomValue(random -> mutate(random, SEED_JSON));
    }

    private static String tokens(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pick(random, TOKENS));
            if (random.nextBoolean()) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    /** One to three mutations of the kinds a user (or a bad merge) makes. */
    static String mutate(Random random, String text) {
        String out = text;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            out = switch (random.nextInt(8)) {
                case 0 -> TextDamage.replaceOne(random, out, NAME, pick(random, NAMES));
                case 1 -> editLines(random, out, 0);
                case 2 -> editLines(random, out, 1);
                case 3 -> editLines(random, out, 2);
                case 4 -> TextDamage.replaceOne(random, out, SHAPE, pick(random, SHAPES));
                case 5 -> insert(random, out, pick(random, GARBAGE));
                case 6 -> replaceExpression(random, out);
                default -> deleteSpan(random, out);
            };
        }
        return out;
    }

    /** Deletes (0), swaps with another (1) or duplicates (2) a random line. */
    private static String editLines(Random random, String text, int kind) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        switch (kind) {
            case 0 -> lines.remove(i);
            case 1 -> {
                int j = random.nextInt(lines.size());
                String line = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            default -> lines.add(i, lines.get(i));
        }
        return String.join("\n", lines);
    }

    private static String insert(Random random, String text, String piece) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + piece + text.substring(at);
    }

    private static String deleteSpan(Random random, String text) {
        int at = random.nextInt(text.length() + 1);
        int length = Math.min(1 + random.nextInt(6), text.length() - at);
        return text.substring(0, at) + text.substring(at + length);
    }

    /** A YAML node's expression (or, in JSON, a quoted one) becomes random tokens. */
    private static String replaceExpression(Random random, String text) {
        Matcher matcher = NODE_LINE.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(2), matcher.end(2)});
        }
        String replacement = tokens(random, 1 + random.nextInt(8)).replace("\n", " ");
        if (spans.isEmpty()) {
            return TextDamage.replaceOne(random, text, Pattern.compile("\"[^\"]*[+*@(][^\"]*\""),
                    "\"" + replacement.replace("\\", "").replace("\"", "") + "\"");
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
