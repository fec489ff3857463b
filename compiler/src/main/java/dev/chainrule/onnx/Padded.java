package dev.chainrule.onnx;

import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.description.SpecException;
import java.util.Set;

/**
 * An image a Pad surrounded with zeros, {@code height} rows above and below and {@code width}
 * columns on either side. The graph form has no pad op: the padding joins the window padding of
 * each Conv or AveragePool that reads it (a following Pad adds its own), and any other reader
 * is refused, naming the Pad.
 *
 * @param pad the (last) Pad node, for messages
 */
record Padded(Traced image, int height, int width, NodeImport pad) implements Value {

    /** The operators whose input 0 may be a padded image. */
    static final Set<String> FOLDED_INTO = Set.of("Conv", "AveragePool", "Pad");

    /** That {@code reader} reads the padded image where no zero padding can be folded. */
    SpecException unfoldable(NodeProto reader) {
        return unfoldable("node " + NodeImport.describe(reader) + " (" + reader.getOpType()
                + ") reads it" + (reader.getOpType().equals("MaxPool")
                        ? " (MaxPool pads with −∞, the Pad with 0)" : ""));
    }

    /** That the padded image is the model's output. */
    SpecException unfoldableOutput() {
        return unfoldable("it is the model's output");
    }

    private SpecException unfoldable(String reader) {
        return pad.error("a zero padding of [" + height + ", " + width + "] is imported only"
                + " folded into the Conv or AveragePool that reads it, but " + reader);
    }
}
