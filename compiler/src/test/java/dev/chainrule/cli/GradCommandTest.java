package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chainrule grad}: the contract's numbers in both modes and backends, and bad input. */
class GradCommandTest {

    @TempDir
    Path dir;

    private static final String VEC = """
            name: Vec
            precision: double
            inputs:
              x: [3]
            targets:
              t: [3]
            params:
              W: {shape: [3, 3], init: [[1, 0, 0], [0, 2, 0], [0, 0, 3]]}
            graph:
              y: W @ x
              e: squared_error(y, t)
            output: e
            """;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytecode", "source"})
    void seedGraphInBothModes(String backend) {
        Path seed = Cli.sample("graphs/seed.yaml");
        assertEquals("{\"output\": \"e\", \"value\": 6.0, \"gradient\": {\"a\": 2.0, \"b\": 5.0}}\n",
                Cli.run("grad", seed, "--at", "a=2,b=1", "--backend", backend).assertOk().out());
        assertEquals("{\"output\": \"e\", \"value\": 6.0, \"gradient\": {\"a\": 2.0, \"b\": 5.0},"
                + " \"nodes\": {\"a\": 2.0, \"b\": 5.0, \"c\": 2.0, \"d\": 3.0, \"e\": 1.0}}\n",
                Cli.run("grad", seed, "--at", "a=2,b=1", "--nodes", "--backend", backend)
                        .assertOk().out());
        assertEquals("{\"output\": \"e\", \"value\": 6.0, \"gradient\": {\"a\": 2.0, \"b\": 5.0}}\n",
                Cli.run("grad", seed, "--at", "a=2,b=1", "--mode", "forward", "--backend",
                        backend).assertOk().out());
        assertEquals("{\"output\": \"e\", \"value\": 6.0, \"gradient\": {\"b\": 5.0},"
                + " \"nodes\": {\"a\": 0.0, \"b\": 1.0, \"c\": 1.0, \"d\": 1.0, \"e\": 5.0}}\n",
                Cli.run("grad", seed, "--at", "a=2,b=1", "--mode", "forward", "--wrt", "b",
                        "--nodes", "--backend", backend).assertOk().out());
    }

    /** karpathy/micrograd test/test_engine.py: the values its PyTorch comparison asserts. */
    @Test
    void micrograd() {
        assertEquals("{\"output\": \"y\", \"value\": -20.0, \"gradient\": {\"x\": 46.0}}\n",
                Cli.run("grad", Cli.sample("graphs/micrograd-sanity.yaml"), "--at", "x=-4")
                        .assertOk().out());
        assertEquals("{\"output\": \"g2\", \"value\": 24.70408163265306, \"gradient\":"
                + " {\"a\": 138.83381924198252, \"b\": 645.5772594752186}}\n",
                Cli.run("grad", Cli.sample("graphs/micrograd-more-ops.yaml"), "--at",
                        "a=-4,b=2").assertOk().out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reverse", "forward"})
    void tensorsPrintWithTheirShapes(String mode) throws IOException {
        Path net = file("vec.yaml", VEC);
        Path values = file("v.json", "{\"x\": [1, 2, 3], \"t\": [0, 0, 0]}");
        // e = ½|W x − t|² with W = diag(1, 2, 3): dx = Wᵀ(Wx − t), dt = −(Wx − t), dW = (Wx − t) xᵀ
        assertEquals("{\"output\": \"e\", \"value\": 49.0, \"gradient\": {\"x\": [1.0, 8.0, 27.0],"
                + " \"t\": [-1.0, -4.0, -9.0], \"W\": [[1.0, 2.0, 3.0], [4.0, 8.0, 12.0],"
                + " [9.0, 18.0, 27.0]]}}\n",
                Cli.run("grad", net, "--values", values, "--mode", mode).assertOk().out());
    }

    /**
     * A classifier-like graph: the output is a vector, the loss a scalar. By hand, at x = (3, 4),
     * t = 1, w = (1, 2): z = (3, 8), y = 11, obj = ½(y − t)² = 50; d obj = (y − t)·d y, so
     * d obj/dx = 10·w, d obj/dt = −10, d obj/dw = 10·x; d y/dx = w, d y/dw = x, d y/dt = 0.
     */
    private static final String VECTOR_OUTPUT = """
            name: VectorOutput
            precision: double
            inputs: {x: [2]}
            targets: {t: []}
            params:
              w: {shape: [2], init: [1, 2]}
            graph:
              z: w * x
              y: sum(z)
              obj: squared_error(y, t)
            output: z
            loss: obj
            """;

    @ParameterizedTest
    @ValueSource(strings = {"bytecode", "source"})
    void differentiatesTheLossWhenTheOutputIsAVectorOrAnyScalarNamedWithOf(String backend)
            throws IOException {
        Path net = file("vector-output.yaml", VECTOR_OUTPUT);
        Path values = file("values.json", "{\"x\": [3, 4], \"t\": 1}");
        assertEquals("{\"output\": \"obj\", \"value\": 50.0, \"gradient\": {\"x\": [10.0, 20.0],"
                + " \"t\": -10.0, \"w\": [30.0, 40.0]}}\n",
                Cli.run("grad", net, "--values", values, "--backend", backend).assertOk().out());
        assertEquals("{\"output\": \"y\", \"value\": 11.0, \"gradient\": {\"x\": [1.0, 2.0],"
                + " \"t\": 0.0, \"w\": [3.0, 4.0]}}\n",
                Cli.run("grad", net, "--values", values, "--of", "y", "--backend", backend)
                        .assertOk().out());
        assertEquals("{\"output\": \"y\", \"value\": 11.0, \"gradient\": {\"x\": [1.0, 2.0],"
                + " \"t\": 0.0, \"w\": [3.0, 4.0]}}\n",
                Cli.run("grad", net, "--values", values, "--of", "y", "--mode", "forward",
                        "--backend", backend).assertOk().out());
    }

    @Test
    void badInputIsOneLocatedLine() throws IOException {
        Path net = file("vec.yaml", VEC);
        Cli.run("grad", net, "--values", file("short.json", "{\"x\": [1, 2], \"t\": [0, 0, 0]}"))
                .assertUserError(dir.resolve("short.json")
                        + ":1:7: 'x' has shape [3], got a value of shape [2]");
        Cli.run("grad", net, "--values", file("q.json", "{\"x\": [1, 2, 3], \"q\": 1}"))
                .assertUserError(dir.resolve("q.json") + ":1:18: unknown input or target 'q'"
                        + " (expected one of x, t; did you mean 'x'?)");
        Cli.run("grad", net, "--at", "x=1").assertUserError(
                "chainrule grad: --at: 'x' has shape [3]; give it in --values");
        Cli.run("grad", net, "--values", file("no-t.json", "{\"x\": [1, 2, 3]}"))
                .assertUserError("chainrule grad: no value for target 't' (give it with"
                        + " --values V.json)");
        Cli.run("grad", Cli.sample("graphs/seed.yaml"), "--at", "a=2,zzz=1").assertUserError(
                "chainrule grad: --at: unknown input or target 'zzz' (expected one of a, b)");
        Cli.run("grad", net, "--at", "W=1").assertUserError("chainrule grad: --at: 'W' is a"
                + " param: params come from their init or --weights");
        Cli.run("grad", Cli.sample("graphs/seed.yaml"), "--at", "a=2,b=1", "--wrt", "c")
                .assertUserError("chainrule grad: --wrt: 'c' is a graph node");
        Cli.run("grad", Cli.sample("graphs/seed.yaml"), "--at", "a=2,b=1", "--mode", "sideways")
                .assertUserError("chainrule grad: --mode: expected reverse or forward, got"
                        + " 'sideways'");
        Cli.run("grad", Cli.sample("graphs/iris-l2.yaml"), "--of", "p").assertUserError(
                "chainrule grad: --of: 'p' has shape [3]; grad differentiates a scalar");
        Cli.run("grad", Cli.sample("graphs/iris-l2.yaml"), "--of", "objectiv").assertUserError(
                "chainrule grad: --of: unknown name 'objectiv' (did you mean 'objective'?)");
        Cli.run("grad", Cli.sample("iris.yaml")).assertUserError(Cli.sample("iris.yaml")
                + ": grad needs a graph description");
    }

    @Test
    void shapeMismatchesPointInsideTheExpression() throws IOException {
        Path net = file("bad.yaml", """
                name: Bad
                inputs:
                  x: [3]
                params:
                  W: {shape: [2, 4]}
                graph:
                  y: W @ x
                  s: sum(y)
                output: s
                """);
        Cli.run("grad", net, "--at", "x=1").assertUserError(net + ":7:8: graph.y: '@' cannot"
                + " multiply shapes [2, 4] and [3] (inner dimensions 4 and 3 differ)");
        Path loss = file("loss.yaml", """
                name: BadLoss
                inputs:
                  x: [3]
                graph:
                  y: x * 2
                output: y
                """);
        Cli.run("train", loss, "--data", file("d.csv", "1,2,3\n")).assertUserError(loss
                + ":6:9: output: the loss must be a scalar, but 'y' has shape [3]");
    }
}
