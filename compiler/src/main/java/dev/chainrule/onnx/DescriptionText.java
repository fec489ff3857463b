package dev.chainrule.onnx;

import java.util.List;
import java.util.Map;

/** The text an import writes: the graph description (one node per line) and its weights. */
final class DescriptionText {

    private DescriptionText() {}

    static String yaml(OnnxImport.Result r, String weightsFile) {
        GraphDraft d = r.draft();
        StringBuilder y = new StringBuilder();
        y.append("# ").append(r.header()).append(" by chainrule import.\n");
        y.append("# Params keep their ONNX names (onnx_name); weights files are keyed by them.\n");
        y.append("name: ").append(r.name()).append('\n');
        y.append("precision: ").append(r.doublePrecision() ? "double" : "float").append('\n');
        if (weightsFile != null) {
            y.append("weights: ").append(quote(weightsFile))
                    .append("   # starting values of the params, values of the constants\n");
        }
        section(y, "inputs", d.inputs);
        section(y, "targets", d.targets);
        tensors(y, "params", d.params);
        tensors(y, "constants", d.constants);
        y.append("graph:\n");
        for (GraphDraft.Line line : d.lines) {
            y.append("  ").append(line.name()).append(": ").append(line.expression()).append('\n');
        }
        y.append("output: ").append(d.output).append('\n');
        y.append("loss: ").append(d.loss).append('\n');
        return y.toString();
    }

    private static void section(StringBuilder y, String key, Map<String, List<Integer>> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        y.append(key).append(":\n");
        leaves.forEach((name, shape) -> y.append("  ").append(name).append(": ").append(shape)
                .append('\n'));
    }

    private static void tensors(StringBuilder y, String key, List<GraphDraft.Tensor> tensors) {
        if (tensors.isEmpty()) {
            return;
        }
        y.append(key).append(":\n");
        for (GraphDraft.Tensor t : tensors) {
            y.append("  ").append(t.name()).append(": {shape: ").append(t.shape());
            if (t.onnxName() != null) {
                y.append(", onnx_name: ").append(quote(t.onnxName()));
            }
            y.append("}\n");
        }
    }

    /** A YAML double-quoted string (ONNX names hold ':', '/', '.'). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** {@code {"name": [[...], ...], ...}}: matrices as rows, everything else flat. */
    static String weightsJson(GraphDraft d) {
        StringBuilder j = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, GraphDraft.Tensor> e : d.weights().entrySet()) {
            GraphDraft.Tensor t = e.getValue();
            j.append(first ? "\n  " : ",\n  ").append(jsonString(e.getKey())).append(": ");
            first = false;
            int cols = t.shape().size() == 2 ? t.shape().get(1) : t.values().length;
            boolean matrix = t.shape().size() == 2;
            j.append(matrix ? "[" : "");
            for (int row = 0; row * cols < t.values().length || row == 0; row++) {
                j.append(row > 0 ? ", [" : "[");
                for (int c = 0; c < cols; c++) {
                    j.append(c > 0 ? ", " : "").append(t.values()[row * cols + c]);
                }
                j.append(']');
                if (!matrix) {
                    break;
                }
            }
            j.append(matrix ? "]" : "");
        }
        return j.append("\n}\n").toString();
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
