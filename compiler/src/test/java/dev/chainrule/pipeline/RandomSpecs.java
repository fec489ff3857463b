package dev.chainrule.pipeline;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.Random;

/** Random network descriptions covering every activation, loss and precision. */
final class RandomSpecs {

    private static final String[] HIDDEN = {"identity", "sigmoid", "tanh", "relu"};
    private static final String[] LOSSES = {"squared_error", "mse", "softmax_cross_entropy"};

    private RandomSpecs() {}

    static String yaml(long seed, String precision) {
        Random rnd = new Random(seed);
        String loss = LOSSES[rnd.nextInt(LOSSES.length)];
        int layers = 1 + rnd.nextInt(3);
        StringBuilder y = new StringBuilder()
                .append("name: Random").append(Math.abs(seed)).append('\n')
                .append("precision: ").append(precision).append('\n')
                .append("input: ").append(1 + rnd.nextInt(6)).append('\n')
                .append("layers:\n");
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            String activation = HIDDEN[rnd.nextInt(HIDDEN.length)];
            if (last && loss.equals("softmax_cross_entropy")) {
                activation = rnd.nextBoolean() ? "softmax" : "identity";
            } else if (last && rnd.nextInt(4) == 0) {
                activation = "softmax";
            }
            // Some layers wide enough to be lowered as loops rather than unrolled.
            int units = rnd.nextInt(5) == 0 ? 17 + rnd.nextInt(20) : 1 + rnd.nextInt(6);
            if (last && (activation.equals("softmax") || loss.equals("softmax_cross_entropy"))) {
                units = Math.max(2, units);
            }
            y.append("  - units: ").append(units).append('\n')
                    .append("    activation: ").append(activation).append('\n')
                    .append("    bias: ").append(rnd.nextBoolean()).append('\n');
        }
        return y.append("loss: ").append(loss).append('\n').toString();
    }

    static NetworkSpec spec(long seed, String precision) {
        return SpecParser.parse(yaml(seed, precision), "random.yaml", Path.of("."));
    }

    static Network network(NetworkSpec spec, Backend backend, long initSeed) {
        Network net = backend.instantiate(Chainrule.compile(spec).lowered());
        Initializer.initialize(net, initSeed);
        return net;
    }

    /**
     * A 20-40-input classifier whose first layer is wide enough to be held (PendingOuters: rows
     * of 256 or more over the input) or not (32-51 units), then a 64-83-unit layer of
     * {@code second} and a 3-way softmax.
     */
    static String heldOrPlain(String name, String precision, Random rnd, boolean held,
                              String second) {
        return "name: " + name + "\nprecision: " + precision + "\ninput: " + (20 + rnd.nextInt(21))
                + "\nlayers:\n"
                + "  - {units: " + (held ? 256 + rnd.nextInt(8) : 32 + rnd.nextInt(20))
                + ", activation: relu}\n"
                + "  - {units: " + (64 + rnd.nextInt(20)) + ", activation: " + second + "}\n"
                + "  - {units: 3, activation: softmax}\nloss: softmax_cross_entropy\n";
    }

    static double[][] inputs(Random rnd, int rows, int width) {
        double[][] xs = new double[rows][width];
        for (double[] x : xs) {
            for (int k = 0; k < width; k++) {
                // exact zeros too, to exercise zero skipping
                x[k] = rnd.nextInt(4) == 0 ? 0 : rnd.nextGaussian();
            }
        }
        return xs;
    }

    static double[][] targets(Random rnd, int rows, int width, boolean classifier) {
        double[][] ts = new double[rows][width];
        for (double[] t : ts) {
            if (classifier) {
                t[rnd.nextInt(width)] = 1;
            } else {
                for (int k = 0; k < width; k++) {
                    t[k] = rnd.nextGaussian();
                }
            }
        }
        return ts;
    }
}
