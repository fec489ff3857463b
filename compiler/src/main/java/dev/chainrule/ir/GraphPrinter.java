package dev.chainrule.ir;

import java.util.Map;
import java.util.stream.Collectors;

/** Prints a graph one value a line, like {@code %4 = matvec %2, %0 : [2]  ; layer1.z}. */
public final class GraphPrinter {

    private GraphPrinter() {}

    public static String print(Graph graph) {
        StringBuilder out = new StringBuilder();
        for (Value v : graph.values()) {
            out.append('%').append(v.id()).append(" = ").append(v.op().mnemonic());
            if (v.op().kind() == Op.Kind.INPUT || v.op().kind() == Op.Kind.TARGET) {
                out.append(' ').append(v.shape());
            }
            if (!v.inputs().isEmpty()) {
                out.append(v.inputs().stream().map(i -> "%" + i)
                        .collect(Collectors.joining(", ", " ", "")));
            }
            out.append(" : ").append(v.shape());
            if (v.label() != null && !v.label().isEmpty()) {
                out.append("  ; ").append(v.label());
            }
            out.append('\n');
        }
        for (Map.Entry<String, Integer> e : graph.outputs().entrySet()) {
            out.append(e.getKey()).append(" <- %").append(e.getValue()).append('\n');
        }
        return out.toString();
    }
}
