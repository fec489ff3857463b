package dev.chainrule.description.graph;

import static dev.chainrule.description.graph.GraphAssertions.MINIMAL;
import static dev.chainrule.description.graph.GraphAssertions.SEED;
import static dev.chainrule.description.graph.GraphAssertions.assertJsonError;
import static dev.chainrule.description.graph.GraphAssertions.assertYamlError;
import static dev.chainrule.description.graph.GraphAssertions.parseJson;
import static dev.chainrule.description.graph.GraphAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.description.Precision;
import dev.chainrule.description.TrainingSpec;
import dev.chainrule.description.graph.GraphSpec.ParamInit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph validator: the seed graph, defaults, locations, and every error it reports. */
class GraphValidatorTest {

    @Test
    void parsesTheSeedGraph() {
        GraphSpec spec = parseYaml(SEED);

        assertEquals("samples.graphs.SeedGraph", spec.qualifiedName());
        assertEquals(Precision.DOUBLE, spec.precision());
        assertEquals(List.of(new GraphSpec.Leaf("a", List.of(),
                        new SourceLocation("net.yaml", 5, 3, "inputs.a")),
                new GraphSpec.Leaf("b", List.of(),
                        new SourceLocation("net.yaml", 6, 3, "inputs.b"))), spec.inputs());
        assertEquals(List.of("t"), spec.targets().stream().map(GraphSpec.Leaf::name).toList());
        assertEquals(List.of(3, 2), spec.params().get(0).shape());
        assertEquals(new ParamInit.Literal(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}),
                spec.params().get(0).init());
        assertEquals(new ParamInit.Scheme("zeros"), spec.params().get(1).init());
        assertEquals(List.of("c = (a + b)", "d = (b + 1)", "e = (c * d)"), spec.nodes().stream()
                .map(n -> n.name() + " = " + ExpressionPrinter.print(n.expression())).toList());
        GraphSpec.Node e = spec.nodes().get(2);
        assertEquals(new SourceLocation("net.yaml", 15, 3, "graph.e"), e.location());
        assertEquals(new SourceLocation("net.yaml", 15, 8, "graph.e"),
                e.expression().location());
        assertEquals(new GraphSpec.Reference("e", new SourceLocation("net.yaml", 16, 9,
                "output")), spec.output());
        assertEquals(new SourceLocation("net.yaml", 17, 7, "loss"), spec.loss().location());
        assertEquals(new TrainingSpec(0.1, 1, 1, false, 42), spec.training());
        assertNull(spec.data());
    }

    @Test
    void fillsInDefaults() {
        GraphSpec spec = parseYaml(MINIMAL + """
                params:
                  s: {shape: []}
                  v: {shape: [4]}
                  W: {shape: [4, 2]}
                """);

        assertEquals("Net", spec.qualifiedName());
        assertEquals(Precision.FLOAT, spec.precision());
        assertEquals(List.of(), spec.targets());
        assertEquals(spec.output(), spec.loss());
        assertEquals(TrainingSpec.DEFAULTS, spec.training());
        assertEquals(List.of(new ParamInit.Scheme("zeros"), new ParamInit.Scheme("zeros"),
                new ParamInit.Scheme("glorot_uniform")),
                spec.params().stream().map(GraphSpec.Param::init).toList());
    }

    @Test
    void allowsAGraphOverParamsOnly() {
        GraphSpec spec = parseYaml("""
                name: Rosenbrock
                inputs: {}
                params: {x: {shape: [], init: -1.5}, y: {shape: [], init: 2}}
                graph:
                  f: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
                output: f
                """);
        assertEquals(List.of(), spec.inputs());
        assertEquals("f = (((1 - x) ** 2) + (100 * ((y - (x ** 2)) ** 2)))",
                "f = " + ExpressionPrinter.print(spec.nodes().get(0).expression()));
    }

    @Test
    void readsEveryInitializer() {
        GraphSpec spec = parseYaml(MINIMAL + """
                params:
                  s: {shape: [], init: 2.5}
                  v: {shape: [2], init: [1, -2]}
                  a: {shape: [2, 2], init: he_normal}
                  b: {shape: [2, 2], init: he_uniform}
                  c: {shape: [2, 2], init: glorot_normal}
                  d: {shape: [2, 2], init: glorot_uniform}
                  n: {shape: [2, 2], init: {normal: {std: 0.01}}}
                  u: {shape: [3], init: {uniform: {a: 1}}}
                """);

        List<ParamInit> inits = spec.params().stream().map(GraphSpec.Param::init).toList();
        assertArrayEquals(new double[] {2.5}, ((ParamInit.Literal) inits.get(0)).values());
        assertArrayEquals(new double[] {1, -2}, ((ParamInit.Literal) inits.get(1)).values());
        assertEquals(List.of("he_normal", "he_uniform", "glorot_normal", "glorot_uniform",
                "normal(std=0.01)", "uniform(a=1.0)"), inits.subList(2, 8).stream()
                .map(i -> ((ParamInit.Scheme) i).spelling()).toList());
    }

    @Test
    void keepsDocumentOrderAndAllowsKeywordsAndCaseTwins() {
        GraphSpec spec = parseYaml("""
                name: Net
                inputs: {zeta: [], Alpha: [], alpha: [], class: [], _: []}
                graph:
                  int: zeta + Alpha
                  Int: int * alpha + class + _
                output: Int
                """);
        assertEquals(List.of("zeta", "Alpha", "alpha", "class", "_"),
                spec.inputs().stream().map(GraphSpec.Leaf::name).toList());
        assertEquals(List.of("int", "Int"),
                spec.nodes().stream().map(GraphSpec.Node::name).toList());
    }

    @Test
    void acceptsNumbersAsExpressions() {
        GraphSpec spec = parseYaml(MINIMAL.replace("y: sum(x)", "k: 1\n  h: 2.5e-1\n  m: -3\n"
                + "  y: sum(x) * k + h * m"));
        assertEquals(List.of("1", "2.5e-1", "(-3)"), spec.nodes().subList(0, 3).stream()
                .map(n -> ExpressionPrinter.print(n.expression())).toList());
    }

    @Test
    void pointsInsidePlainQuotedAndJsonExpressions() {
        assertYamlError(MINIMAL.replace("sum(x)", "sum(x) * cc"),
                "net.yaml:5:15: graph.y: unknown name 'cc' (not an input, target, param or"
                        + " earlier node)");
        assertYamlError(MINIMAL.replace("sum(x)", "\"sum(x) *\""),
                "net.yaml:5:15: graph.y: expected an expression after '*'");
        assertYamlError(MINIMAL.replace("sum(x)", "'sum(x) * $'"),
                "net.yaml:5:16: graph.y: unexpected character '$'");
        assertJsonError("""
                {"name": "Net", "inputs": {"x": [2]},
                 "graph": {"y": "sum(x) @ "}, "output": "y"}
                """, "net.json:2:26: graph.y: expected an expression after '@'");
        assertJsonError("""
                {"name": "Net", "inputs": {"x": [2]},
                 "graph": {"y": "sum(\\u0078) @ "}, "output": "y"}
                """, "net.json:2:17: graph.y: expected an expression after '@'");
    }

    @Test
    void pointsInsideExpressionsWhateverTheLineBreaksAndByteOrderMark() {
        String broken = MINIMAL.replace("sum(x)", "sum(x) * cc");
        assertYamlError("\uFEFF" + broken.replace("\n", "\r\n"),
                "net.yaml:5:15: graph.y: unknown name 'cc' (not an input, target, param or"
                        + " earlier node)");
        assertYamlError(broken.replace("\n", "\r"),
                "net.yaml:5:15: graph.y: unknown name 'cc' (not an input, target, param or"
                        + " earlier node)");
    }

    @Test
    void pointsAtTheStartOfMultiLineExpressions() {
        assertYamlError(MINIMAL.replace("sum(x)", ">\n    sum(x) +\n    $"),
                "net.yaml:5:6: graph.y: unexpected character '$'");
        assertYamlError(MINIMAL.replace("sum(x)", "sum(x) +\n    xx"),
                "net.yaml:5:6: graph.y: unknown name 'xx' (did you mean 'x'?)");
    }

    @Test
    void reportsNameErrors() {
        String twoNodes = """
                name: Net
                inputs: {a: [], b: []}
                graph:
                  c: a + b
                  e: c * d
                  d: b + 1
                output: e
                """;
        assertYamlError(twoNodes, "net.yaml:5:10: graph.e: 'd' is used before its definition"
                + " at line 6 (a node may use only names defined above it)");
        assertYamlError(twoNodes.replace("c * d", "cc * 2"),
                "net.yaml:5:6: graph.e: unknown name 'cc' (did you mean 'c'?)");
        assertYamlError(twoNodes.replace("c * d", "e + 1"),
                "net.yaml:5:6: graph.e: 'e' is used in its own definition");
        String ordered = twoNodes.replace("  e: c * d\n  d: b + 1", "  d: b + 1\n  e: c * d");
        assertYamlError(ordered.replace("  d: b + 1", "  a: b + 1"),
                "net.yaml:5:3: graph.a: duplicate name 'a' (already an input at line 2)");
        assertYamlError(ordered.replace("  d: b + 1", "  c: b + 1"),
                "net.yaml:5:3: duplicate key 'c' in graph (first at line 4, column 3)");
        assertYamlError(ordered.replace("  d: b + 1", "  relu: b + 1"),
                "net.yaml:5:3: graph.relu: 'relu' is a function name; choose another name");
        assertYamlError(ordered.replace("{a: [], b: []}", "{a: [], 2b: []}"),
                "net.yaml:2:17: inputs.2b: '2b' is not a valid name (expected letters, digits"
                        + " and underscores, not starting with a digit)");
        assertYamlError(ordered.replace("{a: [], b: []}", "{a: [], \"b.c\": []}"),
                "net.yaml:2:17: inputs.b.c: 'b.c' is not a valid name (expected letters,"
                        + " digits and underscores, not starting with a digit)");
        assertYamlError(ordered.replace("{a: [], b: []}", "{a: [], \"\": []}"),
                "net.yaml:2:17: inputs.: expected a name such as 'x', got an empty string");
        assertYamlError(ordered.replace("output: e", "output: ee"),
                "net.yaml:7:9: output: unknown name 'ee' (did you mean 'e'?)");
        assertYamlError(ordered.replace("output: e", "output: e\nloss: f(e)"),
                "net.yaml:8:7: loss: unknown name 'f(e)' (not an input, target, param or"
                        + " node)");
        assertYamlError(twoNodes.replace("inputs: {a: [], b: []}", """
                inputs: {a: []}
                targets: {b: []}
                params: {a: {shape: []}}"""),
                "net.yaml:4:10: params.a: duplicate name 'a' (already an input at line 2)");
    }

    @Test
    void reportsKeyErrors() {
        assertYamlError(MINIMAL + "lerning_rate: 0.1\n",
                "net.yaml:7:1: unknown key 'lerning_rate' at top level (expected one of name,"
                        + " package, precision, weights, inputs, targets, params, constants,"
                        + " graph, output, loss, training, data)");
        assertYamlError(MINIMAL + "ouptut: y\n",
                "net.yaml:7:1: unknown key 'ouptut' at top level (did you mean 'output'?)");
        assertYamlError(MINIMAL.replace("output: y\n", ""),
                "net.yaml:1:1: missing required key 'output'");
        assertYamlError(MINIMAL.replace("inputs:\n  x: [2]\n", ""),
                "net.yaml:1:1: missing required key 'inputs'");
        assertYamlError(MINIMAL + "training: {lerning_rate: 0.1}\n",
                "net.yaml:7:12: unknown key 'lerning_rate' in training (did you mean"
                        + " 'learning_rate'?)");
        assertYamlError(MINIMAL + "input: 3\n",
                "net.yaml:7:1: unknown key 'input' at top level (did you mean 'inputs'?)");
        assertYamlError(MINIMAL.replace("name: Net", "name: 9Net"),
                "net.yaml:1:7: name: '9Net' is not a valid class name (expected letters,"
                        + " digits and underscores, starting with a letter)");
        assertYamlError(MINIMAL + "package: a.class\n",
                "net.yaml:7:10: package: 'a.class' is not a valid package name: 'class' is a"
                        + " Java keyword");
        assertYamlError(MINIMAL + "precision: half\n",
                "net.yaml:7:12: precision: unknown precision 'half' (expected one of float,"
                        + " double)");
    }

    @Test
    void reportsSectionShapeErrors() {
        assertYamlError(MINIMAL.replace("y: sum(x)", "y: [x]"),
                "net.yaml:5:6: graph.y: expected an expression such as 'a + b', got a list");
        assertYamlError(MINIMAL.replace("y: sum(x)", "y:"),
                "net.yaml:5:5: graph.y: expected an expression such as 'a + b', got an empty"
                        + " value");
        assertYamlError(MINIMAL.replace("y: sum(x)", "y: true"),
                "net.yaml:5:6: graph.y: expected an expression such as 'a + b', got boolean"
                        + " true");
        assertYamlError(MINIMAL.replace("graph:\n  y: sum(x)", "graph: {}"),
                "net.yaml:4:8: graph: expected at least one node such as 'y: a + b', got an"
                        + " empty mapping");
        assertYamlError(MINIMAL.replace("graph:\n  y: sum(x)", "graph:"),
                "net.yaml:4:7: graph: expected a mapping from node names to expressions such"
                        + " as {y: a + b}, got an empty value");
        assertYamlError(MINIMAL.replace("x: [2]", "x: 2"),
                "net.yaml:3:6: inputs.x: expected a shape such as [], [3], [2, 3] or [1, 28, 28],"
                        + " got 2");
        assertYamlError(MINIMAL.replace("x: [2]", "x: [2, 3, 4, 5, 6]"),
                "net.yaml:3:6: inputs.x: expected at most 4 dimensions ([], [n], [r, c],"
                        + " [C, H, W] or [K, C, kh, kw]), got rank 5");
        assertYamlError(MINIMAL.replace("x: [2]", "x: [2, 0]"),
                "net.yaml:3:10: inputs.x[1]: must be at least 1, got 0");
        assertYamlError(MINIMAL.replace("x: [2]", "x: [2.5]"),
                "net.yaml:3:7: inputs.x[0]: expected an integer, got 2.5");
        assertYamlError(MINIMAL.replace("x: [2]", "x: [100000, 100000]"),
                "net.yaml:3:6: inputs.x: tensor too large: 10,000,000,000 values (at most"
                        + " 50,000,000)");
        assertYamlError(MINIMAL.replace("x: [2]", "x: [2]\ntargets: [t]"),
                "net.yaml:4:10: targets: expected a mapping from names to shapes such as"
                        + " {x: [3]}, got a list");
    }

    @Test
    void reportsParamErrors() {
        assertYamlError(MINIMAL + "params: {W: zeros}\n",
                "net.yaml:7:13: params.W: expected a mapping with shape and init, such as"
                        + " {shape: [3, 2], init: zeros}, or literal values such as"
                        + " [[0.5, -1.0]], got string 'zeros'");
        assertYamlError(MINIMAL + "params: {W: [[1, 2], [3]]}\n",
                "net.yaml:7:22: params.W[1]: expected 2 values (shape [2, 2]), got 1");
        assertYamlError(MINIMAL + "params: {W: {init: zeros}}\n",
                "net.yaml:7:13: params.W: missing required key 'shape'");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], int: zeros}}\n",
                "net.yaml:7:26: unknown key 'int' in params.W (did you mean 'init'?)");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], init: [1, 2, 3]}}\n",
                "net.yaml:7:32: params.W.init: expected 2 values (shape [2]), got 3");
        assertYamlError(MINIMAL + "params: {W: {shape: [2, 2], init: [1, 2]}}\n",
                "net.yaml:7:36: params.W.init[0]: expected a list of 2 values (shape [2, 2]),"
                        + " got 1");
        assertYamlError(MINIMAL + "params: {W: {shape: [2, 2], init: [[1, 2], [3]]}}\n",
                "net.yaml:7:44: params.W.init[1]: expected 2 values (shape [2, 2]), got 1");
        assertYamlError(MINIMAL + "params: {W: {shape: [], init: [1]}}\n",
                "net.yaml:7:31: params.W.init: expected a number (shape []), got a list");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], init: [1, .nan]}}\n",
                "net.yaml:7:36: params.W.init[1]: expected a finite number, got .nan");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], init: he_normla}}\n",
                "net.yaml:7:32: params.W.init: unknown initializer 'he_normla' (expected a"
                        + " list of values or one of zeros, glorot_uniform, glorot_normal,"
                        + " he_uniform, he_normal, normal, uniform, normal(std=S), uniform(a=A);"
                        + " did you mean 'he_normal'?)");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], init: {normal: {std: -1}}}}\n",
                "net.yaml:7:47: params.W.init.normal.std: must be a finite number > 0, got -1");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], init: {normal: {a: 1}}}}\n",
                "net.yaml:7:42: unknown key 'a' in params.W.init.normal (expected one of std)");
        assertYamlError(MINIMAL + "params: {W: {shape: [2], init: {normal: {std: 1},"
                        + " uniform: {a: 1}}}}\n",
                "net.yaml:7:32: params.W.init: expected one initializer such as"
                        + " {normal: {std: 0.01}}, got 2 keys");
    }

    @Test
    void yamlAndJsonGiveTheSameSpec() {
        GraphSpec yaml = parseYaml(SEED);
        GraphSpec json = parseJson("""
                {"name": "SeedGraph", "package": "samples.graphs", "precision": "double",
                 "inputs": {"a": [], "b": []},
                 "targets": {"t": []},
                 "params": {"W": {"shape": [3, 2], "init": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]},
                            "v": {"shape": [3], "init": "zeros"}},
                 "graph": {"c": "a + b", "d": "b + 1", "e": "c * d"},
                 "output": "e", "loss": "e",
                 "training": {"learning_rate": 0.1, "batch_size": 1, "epochs": 1,
                              "shuffle": false, "seed": 42}}
                """);
        assertEquals(GraphAssertions.meaning(yaml), GraphAssertions.meaning(json));
        assertEquals(yaml.params(), yaml.params().stream().toList());
        assertEquals(yaml.params().get(0).init(), json.params().get(0).init());
        assertInstanceOf(ParamInit.Literal.class, json.params().get(0).init());
    }
}
