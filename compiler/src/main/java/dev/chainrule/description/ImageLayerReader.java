package dev.chainrule.description;

import dev.chainrule.description.SpecNode.ListNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads the layers of the layer form that work on images: {@code conv2d}, {@code max_pool2d},
 * {@code avg_pool2d} and {@code flatten}, each given the shape of its input. Sizes are an
 * integer or a pair {@code [h, w]}; every problem is reported at the key that causes it.
 */
final class ImageLayerReader {

    /** The keys each type takes (dense layers take {@link SpecValidator#LAYER_KEYS}). */
    static final List<String> CONV_KEYS = List.of("type", "name", "filters", "kernel", "stride",
            "padding", "dilation", "activation", "bias", "init");
    static final List<String> POOL_KEYS = List.of("type", "name", "kernel", "stride", "padding");
    static final List<String> FLATTEN_KEYS = List.of("type", "name");

    private ImageLayerReader() {}

    static List<String> keys(ImageLayer.Type type) {
        return switch (type) {
            case CONV2D -> CONV_KEYS;
            case MAX_POOL2D, AVG_POOL2D -> POOL_KEYS;
            case FLATTEN -> FLATTEN_KEYS;
        };
    }

    /** The layer {@code layer} (a mapping of type {@code type}) applied to {@code in}. */
    static LayerSpec read(MapReader layer, String name, ImageLayer.Type type, List<Integer> in,
                          SpecNode node) {
        String path = layer.path("type");
        if (type == ImageLayer.Type.FLATTEN) {
            return LayerSpec.image(name, ImageLayer.flatten(in), Activation.IDENTITY, false,
                    Initializer.ZEROS);
        }
        if (in.size() != 3) {
            throw SpecException.at(layer.required("type").position(), path, type.spelling()
                    + " needs an image input [C, H, W], but its input is a vector of "
                    + in.get(0));
        }
        boolean conv = type == ImageLayer.Type.CONV2D;
        int filters = 0;
        if (conv) {
            SpecNode f = layer.required("filters");
            filters = ScalarReader.intAtLeast(f, layer.path("filters"), 1);
            if (filters > NetworkSpec.MAX_UNITS) {
                throw SpecException.at(f.position(), layer.path("filters"), "too many filters: "
                        + filters + " (at most " + Messages.count(NetworkSpec.MAX_UNITS) + ")");
            }
        }
        int[] kernel = pair(layer, "kernel", 1, null);
        int[] stride = pair(layer, "stride", 1, conv ? new int[] {1, 1} : kernel);
        int[] padding = pair(layer, "padding", 0, new int[] {0, 0});
        int[] dilation = conv ? pair(layer, "dilation", 1, new int[] {1, 1}) : new int[] {1, 1};
        if (!conv && (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2)) {
            throw SpecException.at(layer.required("padding").position(), layer.path("padding"),
                    "padding [" + padding[0] + ", " + padding[1] + "] is above half the kernel ["
                            + kernel[0] + ", " + kernel[1] + "]");
        }
        // in long: a padding or dilation of a million must not wrap around
        long oh = Math.floorDiv(in.get(1) + 2L * padding[0] - (long) dilation[0] * (kernel[0] - 1)
                - 1, stride[0]) + 1;
        long ow = Math.floorDiv(in.get(2) + 2L * padding[1] - (long) dilation[1] * (kernel[1] - 1)
                - 1, stride[1]) + 1;
        if (oh < 1 || ow < 1) {
            throw SpecException.at(layer.required("kernel").position(), layer.path("kernel"),
                    "the kernel [" + kernel[0] + ", " + kernel[1] + "] (stride [" + stride[0]
                            + ", " + stride[1] + "], padding [" + padding[0] + ", " + padding[1]
                            + "], dilation [" + dilation[0] + ", " + dilation[1] + "]) is larger"
                            + " than the padded input " + in + " (output size " + oh + " x " + ow
                            + ")");
        }
        long channels = conv ? filters : in.get(0);
        if (oh > NetworkSpec.MAX_INPUT_SIZE || ow > NetworkSpec.MAX_INPUT_SIZE
                || channels * oh * ow > NetworkSpec.MAX_INPUT_SIZE) {
            String key = padding[0] + padding[1] > 0 ? "padding" : conv ? "filters" : "kernel";
            throw SpecException.at(layer.required(key).position(), layer.path(key),
                    "output too large: [" + channels + ", " + oh + ", " + ow + "] (at most "
                            + Messages.count(NetworkSpec.MAX_INPUT_SIZE) + " values)");
        }
        List<Integer> out = List.of((int) channels, (int) oh, (int) ow);
        ImageLayer image = new ImageLayer(type, filters, kernel[0], kernel[1], stride[0],
                stride[1], padding[0], padding[1], dilation[0], dilation[1], in, out);
        if (!conv) {
            return LayerSpec.image(name, image, Activation.IDENTITY, false, Initializer.ZEROS);
        }
        Activation activation = layer.optional("activation")
                .map(a -> ScalarReader.choice(a, layer.path("activation"), "activation",
                        Activation.values(), Activation::spelling))
                .orElse(Activation.IDENTITY);
        if (activation == Activation.SOFTMAX) {
            throw SpecException.at(layer.required("activation").position(),
                    layer.path("activation"), "softmax is only allowed on a dense last layer");
        }
        boolean bias = layer.optional("bias").map(b -> ScalarReader.bool(b, layer.path("bias")))
                .orElse(true);
        Initializer init = layer.optional("init")
                .map(value -> InitializerReader.read(value, layer.path("init")))
                .orElse(Initializer.forWeightsOf(activation));
        return LayerSpec.image(name, image, activation, bias, init);
    }

    /** An integer or a pair [h, w] of integers at least {@code least}; {@code fallback} if absent. */
    private static int[] pair(MapReader layer, String key, int least, int[] fallback) {
        Optional<SpecNode> node = fallback == null ? Optional.of(layer.required(key))
                : layer.optional(key);
        if (node.isEmpty()) {
            return fallback;
        }
        String path = layer.path(key);
        if (node.get() instanceof ListNode list) {
            if (list.items().size() != 2) {
                throw SpecException.at(node.get().position(), path, "expected an integer or a"
                        + " pair [h, w], got a list of " + list.items().size());
            }
            return new int[] {ScalarReader.intAtLeast(list.items().get(0),
                    Messages.item(path, 0), least), ScalarReader.intAtLeast(list.items().get(1),
                    Messages.item(path, 1), least)};
        }
        int v = ScalarReader.intAtLeast(node.get(), path, least);
        return new int[] {v, v};
    }
}
