package dev.chainrule.graph;

import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.MatMul;
import dev.chainrule.graph.op.MeanSquaredError;
import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Softmax;
import dev.chainrule.graph.op.SoftmaxCrossEntropy;
import dev.chainrule.graph.op.SquaredError;
import dev.chainrule.graph.op.Unary;
import dev.chainrule.description.LayerSpec;
import dev.chainrule.description.Loss;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.ParameterSpec;
import dev.chainrule.description.Precision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer form as a front end of the graph IR: {@code z = W a + b}, {@code a' = f(z)} per
 * layer, then the loss, with the names the layer form has always had (params
 * {@code <layer>.weight} and {@code <layer>.bias}, values {@code <layer>.z}, {@code <layer>.a}).
 * Softmax cross-entropy reads the last layer's {@code z}, as one primitive, and the output is
 * then {@code softmax(z)} whatever the last layer's activation, so predictions are class
 * probabilities.
 */
public final class LayerToGraph {

    private LayerToGraph() {}

    public static Graph build(NetworkSpec spec, List<String> header) {
        GraphBuilder b = new GraphBuilder();
        Map<String, Integer> values = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        LayerSpec first = spec.layers().get(0);
        // an image input is [C, H, W]: stored flat, so it reads the same rows as a vector
        int x = leaf(b, values, names, Role.INPUT, "input", first.image() != null
                ? new Shape(first.image().in()) : Shape.of(spec.inputSize()));
        int t = leaf(b, values, names, Role.TARGET, "target", Shape.of(spec.outputSize()));
        Map<String, String> initializers = new LinkedHashMap<>();
        Map<String, double[]> initialValues = new HashMap<>();
        for (ParameterSpec p : spec.parameters()) {
            int[] s = p.shape();
            leaf(b, values, names, Role.PARAM, p.name(), Shape.of(s));
            initializers.put(p.name(), p.initializer().spelling());
        }
        spec.init().forEach((name, v) -> initialValues.put(name, v.values().clone()));
        boolean crossEntropy = spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
        int a = x;
        int logits = -1;
        for (LayerSpec layer : spec.layers()) {
            int z;
            if (layer.image() != null) {
                b.label(layer.name() + ".z");
                z = ImageLayers.add(b, layer, a, values);
            } else {
                // W a alone is not z when a bias follows: it gets a name of its own
                b.label(layer.name() + (layer.bias() ? ".Wa" : ".z"));
                z = b.add(new MatMul(), values.get(layer.weightName()), a);
                if (layer.bias()) {
                    b.label(layer.name() + ".z");
                    z = b.add(new Binary(Binary.Kind.ADD), z, values.get(layer.biasName()));
                }
            }
            node(values, names, layer.name() + ".z", z);
            logits = z;
            b.label(layer.name() + ".a");
            boolean last = layer == spec.layers().get(spec.layers().size() - 1);
            // a classifier's output is its class probabilities, whatever its last activation
            a = last && crossEntropy ? b.add(new Softmax(), z) : switch (layer.activation()) {
                case IDENTITY -> z;
                case SIGMOID -> b.add(new Unary(Unary.Kind.SIGMOID), z);
                case TANH -> b.add(new Unary(Unary.Kind.TANH), z);
                case RELU -> b.add(new Unary(Unary.Kind.RELU), z);
                case SOFTMAX -> b.add(new Softmax(), z);
            };
            if (a != z) {
                node(values, names, layer.name() + ".a", a);
            }
        }
        b.label("loss");
        Op loss = switch (spec.loss()) {
            case SQUARED_ERROR -> new SquaredError();
            case MSE -> new MeanSquaredError();
            // labels are one-hot: softmax − t, as the layer form has always computed it
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropy(true);
        };
        node(values, names, "loss", b.add(loss, crossEntropy ? logits : a, t));
        String output = names.get(names.size() - 2);
        GraphInfo info = new GraphInfo(spec.name(), spec.packageName(),
                spec.precision() == Precision.DOUBLE, output, "loss", names, initializers,
                initialValues, header, crossEntropy, spec.training().toJson());
        return new Graph(b.nodes(), values, Map.of(), Map.of(), Map.of(), info);
    }

    private static int leaf(GraphBuilder b, Map<String, Integer> values, List<String> names,
                            Role role, String name, Shape shape) {
        b.label(name);
        int id = b.add(new Leaf(role, name, shape));
        node(values, names, name, id);
        return id;
    }

    private static void node(Map<String, Integer> values, List<String> names, String name, int id) {
        values.put(name, id);
        names.add(name);
    }
}
