package dev.chainrule.onnx;

import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import java.util.List;
import java.util.Map;

/**
 * The loss an imported model trains with, on a target fed after its inputs. Softmax
 * cross-entropy takes the logits: the input of a final Softmax or LogSoftmax (the output stays
 * what the model outputs), or the output itself. mse and squared_error compare the output with
 * a target of its shape.
 */
final class LossTail {

    private LossTail() {}

    /**
     * Adds the target and the loss line to {@code draft}; returns the loss's name.
     *
     * @param loss one of {@link OnnxImport#LOSSES}, or {@code null} for the default
     */
    static String attach(GraphDraft draft, GraphProto graph, Map<String, Value> values,
                         Traced output, String loss, String file) {
        Traced logits = softmaxInput(graph, values, graph.getOutput(0).getName());
        String kind = loss != null ? loss : logits != null ? "softmax_cross_entropy" : "mse";
        if (kind.equals("softmax_cross_entropy")) {
            Traced z = logits != null ? logits : output;
            if (z.rank() != 1) {
                throw OnnxError.of(file, "--loss softmax_cross_entropy needs a vector of class"
                        + " scores per sample, but the output has shape " + output.shape());
            }
            Traced t = draft.target(z.shape());
            return draft.line("loss", "softmax_cross_entropy(" + z.name() + ", " + t.name()
                    + ")", List.of()).name();
        }
        Traced t = draft.target(output.shape());
        return draft.line("loss", kind + "(" + output.name() + ", " + t.name() + ")", List.of())
                .name();
    }

    /** The input of the Softmax or LogSoftmax that computes {@code output}, or null. */
    private static Traced softmaxInput(GraphProto graph, Map<String, Value> values,
                                       String output) {
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOutputCount() > 0 && node.getOutput(0).equals(output)) {
                boolean softmax = node.getOpType().equals("Softmax")
                        || node.getOpType().equals("LogSoftmax");
                return softmax && values.get(node.getInput(0)) instanceof Traced t ? t : null;
            }
        }
        return null;
    }
}
