package dev.chainrule.benchmarks;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;

import java.nio.file.Path;

/**
 * The networks the benchmarks use, as descriptions embedded here so the jar runs anywhere.
 * {@code worked_example}, {@code iris} and {@code mnist} are the bundled samples (without their
 * data sections); {@code N1}..{@code N4} are the networks of PERFORMANCE.md, all float;
 * {@code W<h>} is 784-h-10 relu softmax-CE (float) for the width sweep; {@code LeNet} is
 * LeNet-5 as samples/mnist-lenet.yaml (float), trained with the benchmarks' plain SGD.
 */
public final class Nets {

    private Nets() {
    }

    /** The learning rate every training benchmark uses (PERFORMANCE.md: SGD lr 0.01). */
    public static final double LEARNING_RATE = 0.01;

    /** The description text of a named network. */
    public static String yaml(String net) {
        switch (net) {
            case "worked_example":
                return String.join("\n",
                        "name: WorkedExample",
                        "package: dev.chainrule.bench",
                        "precision: double",
                        "input: 2",
                        "layers:",
                        "  - {name: hidden, units: 2, activation: identity, bias: false}",
                        "  - {name: output, units: 1, activation: identity, bias: false}",
                        "loss: squared_error",
                        "training: {learning_rate: 0.1, batch_size: 1, epochs: 1}",
                        "init:",
                        "  hidden.weight: [[0.5, 1.5], [2.3, 3]]",
                        "  output.weight: [[1, 1]]",
                        "");
            case "iris":
            case "N2":
                return dense(net.equals("iris") ? "Iris" : "N2", 4, "",
                        "  - {name: hidden, units: 8, activation: tanh}",
                        "  - {name: output, units: 3, activation: softmax}",
                        "softmax_cross_entropy");
            case "mnist":
            case "N3":
                return dense(net.equals("mnist") ? "Mnist" : "N3", 784, "",
                        "  - {name: hidden, units: 128, activation: relu}",
                        "  - {name: output, units: 10, activation: softmax}",
                        "softmax_cross_entropy");
            case "N1":
                return dense("N1", 2, "",
                        "  - {units: 3, activation: sigmoid, bias: false}",
                        "  - {units: 2, activation: sigmoid, bias: false}",
                        "squared_error");
            case "N4":
                return dense("N4", 784,
                        "  - {name: hidden1, units: 256, activation: relu}\n",
                        "  - {name: hidden2, units: 128, activation: relu}",
                        "  - {name: output, units: 10, activation: softmax}",
                        "softmax_cross_entropy");
            case "LeNet":
                return leNet();
            default:
                if (net.matches("W[1-9][0-9]*")) {
                    return width(Integer.parseInt(net.substring(1)));
                }
                throw new IllegalArgumentException("unknown network " + net);
        }
    }

    /**
     * {@code W<h>}: 784-h-10 relu softmax-CE, float, the width sweep's network (N3 is W128).
     */
    public static String width(int hidden) {
        return dense("W" + hidden, 784, "",
                "  - {name: hidden, units: " + hidden + ", activation: relu}",
                "  - {name: output, units: 10, activation: softmax}",
                "softmax_cross_entropy");
    }

    /**
     * LeNet-5, the layers of samples/mnist-lenet.yaml (conv 6@5x5 pad 2, max pool 2, conv
     * 16@5x5, max pool 2, 120, 84, 10; relu, softmax cross-entropy) with the settings every
     * training benchmark uses.
     */
    private static String leNet() {
        return String.join("\n",
                "name: LeNet",
                "package: dev.chainrule.bench",
                "precision: float",
                "input: [1, 28, 28]",
                "layers:",
                "  - {name: conv1, type: conv2d, filters: 6, kernel: 5, padding: 2,"
                        + " activation: relu, init: glorot_uniform}",
                "  - {name: pool1, type: max_pool2d, kernel: 2}",
                "  - {name: conv2, type: conv2d, filters: 16, kernel: 5, activation: relu,"
                        + " init: glorot_uniform}",
                "  - {name: pool2, type: max_pool2d, kernel: 2}",
                "  - {name: flat, type: flatten}",
                "  - {name: fc1, units: 120, activation: relu, init: glorot_uniform}",
                "  - {name: fc2, units: 84, activation: relu, init: glorot_uniform}",
                "  - {name: output, units: 10, activation: softmax}",
                "loss: softmax_cross_entropy",
                "training: {learning_rate: " + LEARNING_RATE + ", batch_size: 1, epochs: 1,"
                        + " seed: 42}",
                "");
    }

    private static String dense(String name, int input, String firstLayers, String hidden,
                                String output, String loss) {
        return "name: " + name + "\n"
                + "package: dev.chainrule.bench\n"
                + "precision: float\n"
                + "input: " + input + "\n"
                + "layers:\n"
                + firstLayers
                + hidden + "\n"
                + output + "\n"
                + "loss: " + loss + "\n"
                + "training: {learning_rate: " + LEARNING_RATE + ", batch_size: 1, epochs: 1,"
                + " seed: 42}\n";
    }

    /** The parsed description. */
    public static NetworkSpec spec(String net) {
        return SpecParser.parse(yaml(net), net + ".yaml", Path.of("."));
    }

    /** A compiled, loaded and initialized (seed 42) trainer for {@code net}. */
    public static Network chainrule(String net, Backend backend) {
        Network network = backend.instantiate(Chainrule.compile(spec(net)).lowered());
        Initializer.initialize(network, 42);
        return network;
    }
}
