package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.graph.GraphSpec;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A layer description and its hand-written graph twin, from the same initial weights, train to
 * the same weights bit for bit: per sample (the fused step) and in minibatches, on both
 * backends. The two front ends ({@code LayerToGraph}, {@code SpecToGraph}) must meet in the same
 * ops, so the lowering computes each sum in the same order.
 */
class LayerGraphTwinTest {

    @ParameterizedTest(name = "{0} hidden, {1} on {2}, {3}, batch {4}, {5}")
    @CsvSource({
        "relu, softmax_cross_entropy, softmax, float, 1, BYTECODE",
        "relu, softmax_cross_entropy, softmax, float, 8, SOURCE",
        "relu, softmax_cross_entropy, softmax, double, 5, BYTECODE",
        "tanh, softmax_cross_entropy, softmax, float, 1, SOURCE",
        "sigmoid, squared_error, identity, float, 1, BYTECODE",
        "tanh, squared_error, sigmoid, double, 4, BYTECODE",
        "relu, mse, identity, float, 8, BYTECODE",
    })
    void trainToTheSameBits(String hidden, String loss, String last, String precision,
                            int batch, Backend backend) {
        String layers = """
                name: Twin
                precision: %s
                input: 12
                layers:
                  - {name: h, units: 9, activation: %s}
                  - {name: o, units: 4, activation: %s}
                loss: %s
                """.formatted(precision, hidden, last, loss);
        boolean ce = loss.equals("softmax_cross_entropy");
        String out = ce ? "o_z" : last.equals("identity") ? "o_z" : last + "(o_z)";
        String graph = """
                name: TwinGraph
                precision: %s
                inputs: {x: [12]}
                targets: {t: [4]}
                params:
                  W1: {shape: [9, 12]}
                  b1: {shape: [9]}
                  W2: {shape: [4, 9]}
                  b2: {shape: [4]}
                graph:
                  h: %s(W1 @ x + b1)
                  o_z: W2 @ h + b2
                  y: %s
                  loss: %s(%s, t)
                output: y
                loss: loss
                """.formatted(precision, hidden, out, loss, ce ? "o_z" : "y");
        NetworkSpec layerSpec = (NetworkSpec) Descriptions.parse(layers, "twin.yaml", Path.of("."));
        GraphSpec graphSpec = (GraphSpec) Descriptions.parse(graph, "twin-graph.yaml", Path.of("."));
        Network a = backend.instantiate(Chainrule.compile(layerSpec).lowered());
        Network b = backend.instantiate(Chainrule.compile(graphSpec).lowered());
        Initializer.initialize(a, 11);
        String[][] names = {{"h.weight", "W1"}, {"h.bias", "b1"}, {"o.weight", "W2"},
            {"o.bias", "b2"}};
        for (String[] n : names) {
            a.setParameter(n[0], perturbed(a.getParameter(n[0])));
            b.setParameter(n[1], a.getParameter(n[0]));
        }
        Random rnd = new Random(5);
        int rows = 40;
        double[][] xs = new double[rows][12];
        double[][] ts = new double[rows][4];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 12; k++) {
                xs[r][k] = rnd.nextInt(3) == 0 ? 0 : rnd.nextGaussian();
            }
            if (ce) {
                ts[r][rnd.nextInt(4)] = 1;
            } else {
                for (int k = 0; k < 4; k++) {
                    ts[r][k] = rnd.nextDouble();
                }
            }
        }
        int[] order = new int[rows];
        for (int k = 0; k < rows; k++) {
            order[k] = (k * 7) % rows;
        }
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int from = 0; from < rows; from += batch) {
                int count = Math.min(batch, rows - from);
                double la = a.trainBatch(xs, ts, order, from, count, 0.05);
                double lb = b.trainBatch(xs, ts, order, from, count, 0.05);
                assertArrayEquals(new double[] {la}, new double[] {lb}, 1e-5 * Math.abs(la),
                        "loss of the batch at " + from);
            }
        }
        for (String[] n : names) {
            assertArrayEquals(a.getParameter(n[0]), b.getParameter(n[1]), n[0] + " vs " + n[1]);
        }
    }

    /** Zero biases would hide a wrong bias gradient; move every value a little. */
    private static double[] perturbed(double[] values) {
        double[] out = values.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] += 0.01 * Math.sin(k + 1);
        }
        return out;
    }
}
