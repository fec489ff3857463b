package dev.chainrule.ir;

import dev.chainrule.spec.Activation;
import dev.chainrule.spec.LayerSpec;
import dev.chainrule.spec.Loss;
import dev.chainrule.spec.NetworkSpec;

/**
 * Lowers a description's dense layers into the op-level forward graph: per layer
 * {@code z = W a (+ b)}, {@code a' = f(z)}, then the loss. Nothing after this knows about layers.
 * With softmax cross-entropy, the last layer's pre-activation feeds the fused loss primitive and
 * its softmax is the network's output.
 */
public final class DenseLowering {

    private DenseLowering() {}

    public static Graph forward(NetworkSpec spec) {
        GraphBuilder b = new GraphBuilder();
        int x = b.add(Op.input(spec.inputSize()), "input");
        int t = b.add(Op.target(spec.outputSize()), "target");
        int a = x;
        int logits = -1;
        for (int l = 0; l < spec.layers().size(); l++) {
            LayerSpec layer = spec.layers().get(l);
            boolean last = l == spec.layers().size() - 1;
            int w = b.addLeaf(Op.parameter(layer.weightName()), layer.weightName(),
                    Shape.matrix(layer.units(), layer.fanIn()));
            int z = b.add(Op.of(Op.Kind.MATVEC), layer.name() + (layer.bias() ? ".Wa" : ".z"), w, a);
            if (layer.bias()) {
                int bias = b.addLeaf(Op.parameter(layer.biasName()), layer.biasName(),
                        Shape.vector(layer.units()));
                z = b.add(Op.of(Op.Kind.ADD), layer.name() + ".z", z, bias);
            }
            if (last && spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                logits = z;
                a = b.add(Op.of(Op.Kind.SOFTMAX), layer.name() + ".a", z);
            } else {
                a = b.add(Op.of(activation(layer.activation())), layer.name() + ".a", z);
            }
        }
        int loss = switch (spec.loss()) {
            case SQUARED_ERROR -> b.add(Op.of(Op.Kind.SQUARED_ERROR), "loss", a, t);
            case MSE -> b.add(Op.of(Op.Kind.MEAN_SQUARED_ERROR), "loss", a, t);
            case SOFTMAX_CROSS_ENTROPY -> b.add(Op.of(Op.Kind.SOFTMAX_CROSS_ENTROPY), "loss",
                    logits, t);
        };
        b.output(Graph.OUTPUT, a);
        b.output(Graph.LOSS, loss);
        return b.build();
    }

    private static Op.Kind activation(Activation activation) {
        return switch (activation) {
            case IDENTITY -> Op.Kind.IDENTITY;
            case SIGMOID -> Op.Kind.SIGMOID;
            case TANH -> Op.Kind.TANH;
            case RELU -> Op.Kind.RELU;
            case SOFTMAX -> Op.Kind.SOFTMAX;
        };
    }
}
