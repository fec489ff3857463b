package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import dev.chainrule.description.graph.GraphSpec;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The layer form's conv2d, pool and flatten layers against a graph twin written with the graph
 * form's ops: from the same initial weights they train to the same weights bit for bit, per
 * sample and in minibatches, on both backends; and both backends agree bit for bit. Then the
 * same for the LeNet-5 samples ({@code samples/mnist-lenet.yaml} and its twin).
 */
class ConvTwinTest {

    private static final String LAYERS = """
            name: ConvTwin
            precision: %s
            input: [2, 7, 8]
            layers:
              - {name: c1, type: conv2d, filters: 3, kernel: [3, 2], stride: [1, 2], padding: 1, activation: relu}
              - {name: p1, type: max_pool2d, kernel: 2, stride: 1}
              - {name: c2, type: conv2d, filters: 4, kernel: 2, dilation: [2, 1], bias: false, activation: tanh}
              - {name: p2, type: avg_pool2d, kernel: [2, 2], stride: 1, padding: 1}
              - {type: flatten}
              - {name: h, units: 6, activation: relu}
              - {name: o, units: 3, activation: softmax}
            loss: softmax_cross_entropy
            """;

    private static final String GRAPH = """
            name: ConvTwinGraph
            precision: %s
            inputs: {x: [2, 7, 8]}
            targets: {t: [3]}
            params:
              A: {shape: [3, 2, 3, 2]}
              a: {shape: [3]}
              B: {shape: [4, 3, 2, 2]}
              W1: {shape: [6, 80]}
              b1: {shape: [6]}
              W2: {shape: [3, 6]}
              b2: {shape: [3]}
            graph:
              c1: relu(conv2d(x, A, a, stride=[1, 2], padding=1))
              p1: max_pool2d(c1, 2, stride=1)
              c2: tanh(conv2d(p1, B, dilation=[2, 1]))
              p2: avg_pool2d(c2, [2, 2], stride=1, padding=1)
              f: flatten(p2)
              h: relu(W1 @ f + b1)
              z: W2 @ h + b2
              loss: softmax_cross_entropy(z, t)
            output: z
            loss: loss
            """;

    @ParameterizedTest(name = "{0}, batch {1}")
    @CsvSource({"float, 1", "float, 4", "double, 3"})
    void layersAndGraphTrainToTheSameBits(String precision, int batch) {
        NetworkSpec layers = (NetworkSpec) Descriptions.parse(LAYERS.formatted(precision),
                "twin.yaml", Path.of("."));
        assertEquals(80, layers.layers().get(5).fanIn());
        GraphSpec graph = (GraphSpec) Descriptions.parse(GRAPH.formatted(precision),
                "twin-graph.yaml", Path.of("."));
        String[][] names = {{"c1.weight", "A"}, {"c1.bias", "a"}, {"c2.weight", "B"},
            {"h.weight", "W1"}, {"h.bias", "b1"}, {"o.weight", "W2"}, {"o.bias", "b2"}};
        double[][] bits = new double[2][];
        for (Backend backend : Backend.values()) {
            Network a = backend.instantiate(Chainrule.compile(layers).lowered());
            Network b = backend.instantiate(Chainrule.compile(graph).lowered());
            train(a, b, names, 2 * 7 * 8, 3, batch, 40);
            bits[backend.ordinal()] = a.getParameter("c1.weight");
        }
        assertArrayEquals(bits[0], bits[1], "the backends");
    }

    /** LeNet-5, the samples: a few minibatches of random images train both to the same bits. */
    @Test
    void leNetSamplesAreTwins() {
        NetworkSpec layers = SpecParser.parse(sample("mnist-lenet.yaml"));
        GraphSpec graph = (GraphSpec) Descriptions.parse(sample("graphs/mnist-lenet-graph.yaml"));
        String[][] names = {{"conv1.weight", "W1"}, {"conv1.bias", "b1"},
            {"conv2.weight", "W2"}, {"conv2.bias", "b2"}, {"fc1.weight", "W3"},
            {"fc1.bias", "b3"}, {"fc2.weight", "W4"}, {"fc2.bias", "b4"},
            {"output.weight", "W5"}, {"output.bias", "b5"}};
        Network a = Backend.BYTECODE.instantiate(Chainrule.compile(layers).lowered());
        Network b = Backend.BYTECODE.instantiate(Chainrule.compile(graph).lowered());
        train(a, b, names, 784, 10, 8, 24);
    }

    static Path sample(String name) {
        Path directory = Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.exists(directory.resolve("samples").resolve(name))) {
            directory = directory.getParent();
        }
        return directory.resolve("samples").resolve(name);
    }

    private static void train(Network a, Network b, String[][] names, int inputs, int classes,
                              int batch, int rows) {
        Initializer.initialize(a, 11);
        for (String[] n : names) {
            double[] v = a.getParameter(n[0]).clone();
            for (int k = 0; k < v.length; k++) {
                v[k] += 0.01 * Math.sin(k + 1);
            }
            a.setParameter(n[0], v);
            b.setParameter(n[1], v);
        }
        Random rnd = new Random(5);
        double[][] xs = new double[rows][inputs];
        double[][] ts = new double[rows][classes];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inputs; k++) {
                xs[r][k] = rnd.nextInt(3) == 0 ? 0 : rnd.nextGaussian();
            }
            ts[r][rnd.nextInt(classes)] = 1;
        }
        int[] order = new int[rows];
        for (int k = 0; k < rows; k++) {
            order[k] = (k * 7) % rows;
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < rows; from += batch) {
                int count = Math.min(batch, rows - from);
                double la = a.trainBatch(xs, ts, order, from, count, 0.05);
                double lb = b.trainBatch(xs, ts, order, from, count, 0.05);
                assertEquals(la, lb, "loss of the batch at " + from);
            }
        }
        for (String[] n : names) {
            assertArrayEquals(a.getParameter(n[0]), b.getParameter(n[1]), n[0] + " vs " + n[1]);
        }
    }
}
