package dev.chainrule.graph;

import dev.chainrule.graph.op.AvgPool2d;
import dev.chainrule.graph.op.Conv2d;
import dev.chainrule.graph.op.MaxPool2d;
import dev.chainrule.graph.op.Reshape;
import dev.chainrule.graph.op.Window;
import dev.chainrule.description.ImageLayer;
import dev.chainrule.description.LayerSpec;
import java.util.Map;

/**
 * The layer form's conv2d, pool and flatten layers as graph ops: the same ops a graph
 * description's {@code conv2d(x, W, b, stride=...)}, {@code max_pool2d(...)},
 * {@code avg_pool2d(...)} and {@code flatten(x)} build, so the two forms train alike.
 */
final class ImageLayers {

    private ImageLayers() {}

    /** The layer's value before its activation, from input {@code a}. */
    static int add(GraphBuilder b, LayerSpec layer, int a, Map<String, Integer> values) {
        ImageLayer l = layer.image();
        Window win = new Window(l.kh(), l.kw(), l.sh(), l.sw(), l.ph(), l.pw(), l.dh(), l.dw());
        return switch (l.type()) {
            case CONV2D -> layer.bias()
                    ? b.add(new Conv2d(win), a, values.get(layer.weightName()),
                            values.get(layer.biasName()))
                    : b.add(new Conv2d(win), a, values.get(layer.weightName()));
            case MAX_POOL2D -> b.add(new MaxPool2d(win), a);
            case AVG_POOL2D -> b.add(new AvgPool2d(win), a);
            case FLATTEN -> b.add(new Reshape(new Shape(l.out())), a);
        };
    }
}
