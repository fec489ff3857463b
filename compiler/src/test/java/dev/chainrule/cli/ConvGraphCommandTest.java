package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chainrule grad} on a graph of conv2d (stride, padding, dilation, bias), max_pool2d,
 * avg_pool2d, flatten and reshape, against PyTorch 1.13 in float64: the numbers in
 * {@code torch/conv_graph.txt} were printed by {@code torch/conv_graph.py} (test resources),
 * which builds the same graph with {@code F.conv2d}, {@code F.max_pool2d} and
 * {@code F.avg_pool2d}. And the contract's bad input: one located line, exit 2.
 */
class ConvGraphCommandTest {

    @TempDir
    Path dir;

    private static final String GRAPH = """
            name: ConvCheck
            precision: double
            inputs:
              x: [2, 5, 6]
            params:
              W: {shape: [3, 2, 3, 2], init: %s}
              b: {shape: [3], init: %s}
            graph:
              c: conv2d(x, W, b, stride=[2, 1], padding=1, dilation=[1, 2])
              p: max_pool2d(relu(c), 2, stride=1)
              a: avg_pool2d(c, [2, 2], stride=1, padding=1)
              f: flatten(p)
              r: reshape(a, [3, 28])
              y: sum(f * f) + sum(r) + mean(c)
            output: y
            """;

    private static Map<String, String> reference() throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        try (InputStream in = ConvGraphCommandTest.class.getResourceAsStream(
                "/torch/conv_graph.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int space = line.indexOf(' ');
                lines.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return lines;
    }

    private static List<Double> numbers(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?").matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"bytecode, reverse", "source, reverse", "bytecode, forward"})
    void matchesPyTorch(String backend, String mode) throws IOException {
        Map<String, String> ref = reference();
        Path graph = Files.writeString(dir.resolve("conv.yaml"),
                GRAPH.formatted(ref.get("W"), ref.get("b")));
        Path values = Files.writeString(dir.resolve("x.json"), "{\"x\": " + ref.get("x") + "}");
        String out = Cli.run("grad", graph, "--values", values, "--backend", backend,
                "--mode", mode).assertOk().out();
        List<Double> expected = new ArrayList<>(numbers(ref.get("y")));
        expected.addAll(numbers(ref.get("gx")));
        expected.addAll(numbers(ref.get("gW")));
        expected.addAll(numbers(ref.get("gb")));
        assertTrue(out.startsWith("{\"output\": \"y\", \"value\": "), out);
        List<Double> got = numbers(out);
        assertEquals(1 + 60 + 36 + 3, expected.size());
        assertEquals(expected.size(), got.size(), out);
        for (int k = 0; k < got.size(); k++) {
            double e = expected.get(k);
            assertEquals(e, got.get(k), 1e-12 * Math.max(1, Math.abs(e)), "number " + k);
        }
    }

    private Cli.Result grad(String graph) throws IOException {
        return Cli.run("grad", Files.writeString(dir.resolve("bad.yaml"), graph));
    }

    private static final String BAD = """
            name: Bad
            precision: double
            inputs:
              x: [1, 6, 6]
              v: [6]
            params:
              W: {shape: [2, 1, 3, 3]}
              V: {shape: [2, 3, 3, 3]}
            graph:
              y: %s
              s: sum(y)
            output: s
            """;

    /** Each case: the expression of y, and the whole line the CLI prints (exit 2). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'conv2d(x, W, strides=2)' | 'bad.yaml:10:19: graph.y: unknown keyword ''strides'' for conv2d (did you mean ''stride''?)'
            'conv2d(x, W, stride=0)' | 'bad.yaml:10:26: graph.y: conv2d: stride must be at least 1, got 0'
            'conv2d(x, W, padding=-1)' | 'bad.yaml:10:27: graph.y: conv2d: padding must be at least 0, got -1'
            'conv2d(x, W, dilation=4)' | 'bad.yaml:10:6: graph.y: conv2d: the kernel (kernel=[3, 3], stride=[1, 1], padding=[0, 0], dilation=[4, 4]) is larger than the padded input [1, 6, 6] (output size -2 x -2)'
            'conv2d(x, V)' | 'bad.yaml:10:6: graph.y: conv2d: the filters [2, 3, 3, 3] take 3 input channels, the image [1, 6, 6] has 1'
            'conv2d(v, W)' | 'bad.yaml:10:6: graph.y: conv2d needs x to be an image [C, H, W], got rank 1 [6]'
            'conv2d(x, v)' | 'bad.yaml:10:16: graph.y: conv2d needs filters [K, C, kh, kw], got rank 1 [6]'
            'max_pool2d(x, 2, padding=2)' | 'bad.yaml:10:6: graph.y: max_pool2d: padding [2, 2] is above half the kernel [2, 2]'
            'avg_pool2d(x, [2, 7])' | 'bad.yaml:10:6: graph.y: avg_pool2d: the kernel (kernel=[2, 7], stride=[2, 7], padding=[0, 0], dilation=[1, 1]) is larger than the padded input [1, 6, 6] (output size 3 x 0)'
            'reshape(x, [5, 7])' | 'bad.yaml:10:6: graph.y: reshape cannot make [1, 6, 6] (36 elements) into [5, 7] (35 elements)'
            'reshape(x, [1, 1, 1, 6, 6])' | 'bad.yaml:10:17: graph.y: reshape: rank 5 is above 4'
            W @ x | 'bad.yaml:10:8: graph.y: ''@'' needs vectors or matrices (rank 1 or 2), got rank 4 [2, 1, 3, 3]'
            transpose(x) | 'bad.yaml:10:6: graph.y: transpose needs a matrix, got rank 3 [1, 6, 6]'
            'max_pool2d(x, 2, stride=1, 3)' | 'bad.yaml:10:33: graph.y: a positional argument after keyword arguments (write keywords such as stride=2 last)'
            'conv2d(x, W, stride=1, stride=2)' | 'bad.yaml:10:29: graph.y: keyword ''stride'' given twice'
            'sum(x, stride=1)' | 'bad.yaml:10:13: graph.y: unknown keyword ''stride'' for sum (it takes none)'
            """)
    void badInputIsOneLocatedLine(String expression, String line) throws IOException {
        String full = dir.resolve(line).toString();
        assertEquals(full + "\n", grad(BAD.formatted(expression)).assertUserError(full).err());
    }

    /** Broadcasting across ranks: a [K, 1, 1] bias, a [W] row and a scalar, both backends. */
    @ParameterizedTest
    @ValueSource(strings = {"bytecode", "source"})
    void broadcastsAcrossRanks(String backend) throws IOException {
        Path graph = Files.writeString(dir.resolve("b.yaml"), """
                name: Broadcast
                precision: double
                inputs:
                  x: [2, 2, 3]
                params:
                  k: {shape: [2, 1, 1], init: [[[1]], [[2]]]}
                  w: {shape: [3], init: [10, 20, 30]}
                graph:
                  y: x * k + w - 1
                  s: sum(y * y)
                output: s
                """);
        Path values = Files.writeString(dir.resolve("x.json"),
                "{\"x\": [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]}");
        // y = [[[10, 21, 32], [13, 24, 35]], [[23, 35, 47], [29, 41, 53]]]; d s / d x = 2 y k,
        // d s / d k = Σ 2 y x per channel, d s / d w = Σ 2 y per column
        assertEquals("{\"output\": \"s\", \"value\": 12829.0, \"gradient\": {\"x\": [[[20.0, 42.0,"
                + " 64.0], [26.0, 48.0, 70.0]], [[92.0, 140.0, 188.0], [116.0, 164.0, 212.0]]],"
                + " \"k\": [[[1060.0]], [[4482.0]]], \"w\": [150.0, 242.0, 334.0]}}\n",
                Cli.run("grad", graph, "--values", values, "--backend", backend).assertOk().out());
    }
}
