package dev.chainrule.description;

import dev.chainrule.description.SpecNode.ListNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 2 of parsing: checks a {@link SpecNode} tree against the description format and builds
 * the {@link NetworkSpec}. Every problem is reported at the key or value that causes it; the
 * {@code training}, {@code data} and {@code init} sections have validators of their own.
 */
final class SpecValidator {

    static final List<String> KEYS = List.of("name", "package", "precision", "input", "layers",
            "loss", "training", "data", "init");
    static final List<String> LAYER_KEYS = List.of("name", "units", "activation", "bias",
            "init", "type");
    /** {@code type:} spellings; dense is the default. */
    static final List<String> LAYER_TYPES = List.of("dense", "conv2d", "max_pool2d",
            "avg_pool2d", "flatten");

    private SpecValidator() {}

    static NetworkSpec validate(SpecNode root, SpecSource source) {
        MapReader top = MapReader.of(root, "",
                "a mapping with keys such as name, input, layers and loss", KEYS);
        String name = className(top);
        String packageName = packageName(top);
        Precision precision = top.optional("precision")
                .map(node -> ScalarReader.choice(node, "precision", "precision",
                        Precision.values(), Precision::spelling))
                .orElse(Precision.FLOAT);
        List<Integer> inputShape = inputShape(top);
        int inputSize = ImageLayer.size(inputShape);
        List<LayerSpec> layers = layers(top, inputShape);
        Loss loss = loss(top, layers);
        TrainingSpec training = top.optional("training")
                .map(node -> TrainingValidator.validate(node, "training"))
                .orElse(TrainingSpec.DEFAULTS);
        DataSpec data = top.optional("data")
                .map(node -> DataValidator.validate(node, "data", source.baseDirectory()))
                .orElse(null);
        Map<String, InitialValues> init = top.optional("init")
                .map(node -> InitValidator.validate(node, "init", layers, precision))
                .orElse(Map.of());
        return new NetworkSpec(name, packageName, precision, inputSize, layers, loss, training,
                data, init, source);
    }

    static String className(MapReader top) {
        SpecNode node = top.required("name");
        String name = ScalarReader.text(node, "name", "a class name such as 'MyNet'");
        String problem = JavaNames.classNameProblem(name);
        if (problem != null) {
            throw SpecException.at(node.position(), "name", problem);
        }
        return name;
    }

    static String packageName(MapReader top) {
        Optional<SpecNode> node = top.optional("package");
        if (node.isEmpty()) {
            return "";
        }
        String name = ScalarReader.text(node.get(), "package",
                "a Java package name such as 'samples.nets'");
        String problem = name.isEmpty() ? null : JavaNames.packageProblem(name);
        if (problem != null) {
            throw SpecException.at(node.get().position(), "package", problem);
        }
        return name;
    }

    /** {@code input: 784} (or {@code [784]}) for a vector, {@code [C, H, W]} for an image. */
    private static List<Integer> inputShape(MapReader top) {
        SpecNode node = top.required("input");
        List<Integer> shape;
        if (node instanceof ListNode list) {
            if (list.items().size() != 1 && list.items().size() != 3) {
                throw SpecException.at(node.position(), "input", "expected a width such as 784"
                        + " or an image [C, H, W] such as [1, 28, 28], got a list of "
                        + list.items().size());
            }
            shape = new ArrayList<>();
            long size = 1;
            for (int k = 0; k < list.items().size(); k++) {
                shape.add(ScalarReader.intAtLeast(list.items().get(k), Messages.item("input", k),
                        1));
                size *= shape.get(k);
            }
            if (size > NetworkSpec.MAX_INPUT_SIZE) {
                throw SpecException.at(node.position(), "input", "input too wide: " + size
                        + " values (at most " + Messages.count(NetworkSpec.MAX_INPUT_SIZE) + ")");
            }
            return List.copyOf(shape);
        }
        int input = ScalarReader.intAtLeast(node, "input", 1);
        if (input > NetworkSpec.MAX_INPUT_SIZE) {
            throw SpecException.at(node.position(), "input", "input too wide: " + input
                    + " values (at most " + Messages.count(NetworkSpec.MAX_INPUT_SIZE) + ")");
        }
        return List.of(input);
    }

    private static List<LayerSpec> layers(MapReader top, List<Integer> inputShape) {
        SpecNode node = top.required("layers");
        if (!(node instanceof ListNode list)) {
            throw SpecException.at(node.position(), "layers",
                    "expected a list of layers, got " + Messages.describe(node));
        }
        if (list.items().isEmpty()) {
            throw SpecException.at(node.position(), "layers",
                    "expected at least one layer, got an empty list");
        }
        String tooMany = Limits.countProblem(list.items().size(), Limits.MAX_LAYERS, "layers");
        if (tooMany != null) {
            throw SpecException.at(node.position(), "layers", tooMany);
        }
        List<LayerSpec> layers = new ArrayList<>();
        Map<String, Integer> namedIndices = new HashMap<>();
        List<Integer> shape = inputShape;
        for (int index = 0; index < list.items().size(); index++) {
            SpecNode item = list.items().get(index);
            String type = type(item, Messages.item("layers", index));
            LayerSpec layer;
            if (type.equals("dense")) {
                if (shape.size() != 1) {
                    throw SpecException.at(item.position(), Messages.item("layers", index),
                            "a dense layer needs a vector input, but its input is " + shape
                                    + "; add {type: flatten} before it");
                }
                layer = layer(item, index, list.items().size(), shape.get(0), namedIndices);
            } else {
                ImageLayer.Type kind = ImageLayer.Type.valueOf(type.toUpperCase(
                        java.util.Locale.ROOT));
                MapReader reader = MapReader.of(item, Messages.item("layers", index),
                        "a layer mapping", ImageLayerReader.keys(kind));
                layer = ImageLayerReader.read(reader, layerName(reader, index,
                        list.items().size(), namedIndices), kind, shape, item);
            }
            layers.add(layer);
            shape = layer.image() != null ? layer.image().out() : List.of(layer.units());
        }
        long parameterCount = layers.stream().mapToLong(LayerSpec::parameterCount).sum();
        if (parameterCount > NetworkSpec.MAX_PARAMETERS) {
            throw SpecException.at(node.position(), "layers", "network too large: "
                    + Messages.count(parameterCount) + " parameters (at most "
                    + Messages.count(NetworkSpec.MAX_PARAMETERS) + ")");
        }
        return List.copyOf(layers);
    }

    /** A layer's {@code type:}, {@code dense} when absent. */
    private static String type(SpecNode node, String path) {
        if (!(node instanceof SpecNode.MapNode map)) {
            return "dense"; // the dense reader reports what a layer must be
        }
        return map.entry("type").map(SpecNode.Entry::value)
                .map(value -> ScalarReader.choice(value, Messages.child(path, "type"),
                        "layer type", LAYER_TYPES.toArray(new String[0]), t -> t))
                .orElse("dense");
    }

    private static LayerSpec layer(SpecNode node, int index, int layerCount, int fanIn,
            Map<String, Integer> namedIndices) {
        String path = Messages.item("layers", index);
        boolean last = index == layerCount - 1;
        MapReader layer = MapReader.of(node, path,
                "a layer mapping with units and activation", LAYER_KEYS);
        String name = layerName(layer, index, layerCount, namedIndices);
        SpecNode unitsNode = layer.required("units");
        int units = ScalarReader.intAtLeast(unitsNode, layer.path("units"), 1);
        if (units > NetworkSpec.MAX_UNITS) {
            throw SpecException.at(unitsNode.position(), layer.path("units"), "layer too wide: "
                    + units + " units (at most " + Messages.count(NetworkSpec.MAX_UNITS) + ")");
        }
        SpecNode activationNode = layer.required("activation");
        Activation activation = ScalarReader.choice(activationNode, layer.path("activation"),
                "activation", Activation.values(), Activation::spelling);
        if (activation == Activation.SOFTMAX && !last) {
            throw SpecException.at(activationNode.position(), layer.path("activation"),
                    "softmax is only allowed on the last layer");
        }
        if (activation == Activation.SOFTMAX && units < 2) {
            throw SpecException.at(activationNode.position(), layer.path("activation"),
                    "softmax needs at least 2 units, got 1 (softmax of one value is always 1)");
        }
        boolean bias = layer.optional("bias")
                .map(b -> ScalarReader.bool(b, layer.path("bias")))
                .orElse(true);
        Initializer init = layer.optional("init")
                .map(value -> InitializerReader.read(value, layer.path("init")))
                .orElse(Initializer.forWeightsOf(activation));
        return new LayerSpec(name, units, activation, bias, fanIn, init);
    }

    private static String layerName(MapReader layer, int index, int layerCount,
            Map<String, Integer> namedIndices) {
        Optional<SpecNode> node = layer.optional("name");
        if (node.isEmpty()) {
            return LayerSpec.defaultName(index);
        }
        String path = layer.path("name");
        String name = ScalarReader.text(node.get(), path, "a layer name such as 'hidden'");
        String problem = JavaNames.layerNameProblem(name);
        if (problem != null) {
            throw SpecException.at(node.get().position(), path, problem);
        }
        for (int other = 0; other < layerCount; other++) {
            if (other != index && name.equals(LayerSpec.defaultName(other))) {
                throw SpecException.at(node.get().position(), path, Messages.quote(name)
                        + " is the default name of " + Messages.item("layers", other)
                        + "; choose another name");
            }
        }
        Integer first = namedIndices.putIfAbsent(name, index);
        if (first != null) {
            throw SpecException.at(node.get().position(), path, "duplicate layer name "
                    + Messages.quote(name) + " (also " + Messages.item("layers", first) + ")");
        }
        return name;
    }

    private static Loss loss(MapReader top, List<LayerSpec> layers) {
        SpecNode node = top.required("loss");
        Loss loss = ScalarReader.choice(node, "loss", "loss", Loss.values(), Loss::spelling);
        LayerSpec output = layers.get(layers.size() - 1);
        String outputPath = Messages.item("layers", layers.size() - 1);
        if (output.image() != null && output.image().out().size() != 1) {
            throw SpecException.at(node.position(), "loss", loss.spelling()
                    + " needs a vector output, but " + outputPath + " (" + output.name()
                    + ") outputs " + output.image().out() + "; add {type: flatten} after it");
        }
        if (!loss.allowsOutputActivation(output.activation())) {
            throw SpecException.at(node.position(), "loss", loss.spelling()
                    + " needs the last layer's activation to be identity or softmax, but "
                    + outputPath + " (" + output.name() + ") uses "
                    + output.activation().spelling());
        }
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY && output.units() < 2) {
            throw SpecException.at(node.position(), "loss", loss.spelling()
                    + " needs at least 2 output units, but " + outputPath + " ("
                    + output.name() + ") has 1");
        }
        return loss;
    }
}
