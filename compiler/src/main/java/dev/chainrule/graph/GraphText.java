package dev.chainrule.graph;

import java.util.Map;

/**
 * The IR as text, one node per line, like a jaxpr:
 * {@code %4 = mul %2, %3 : [] ; e}, then which node holds each named value and derivative.
 */
public final class GraphText {

    private GraphText() {}

    public static String print(Graph g) {
        StringBuilder s = new StringBuilder();
        for (Node n : g.nodes()) {
            s.append('%').append(n.id()).append(" = ").append(n.op().mnemonic());
            for (int k = 0; k < n.inputs().size(); k++) {
                s.append(k == 0 ? " " : ", ").append('%').append(n.input(k));
            }
            s.append(" : ").append(n.shape());
            if (!n.label().isEmpty()) {
                s.append(" ; ").append(n.label());
            }
            s.append('\n');
        }
        section(s, "values", g.values());
        section(s, "d " + g.info().output() + " / d name", g.adjoints());
        section(s, "tangents", g.tangents());
        section(s, "d " + g.info().loss() + " / d param", g.gradients());
        return s.toString();
    }

    private static void section(StringBuilder s, String title, Map<String, Integer> m) {
        if (m.isEmpty()) {
            return;
        }
        s.append("# ").append(title).append(':');
        m.forEach((name, id) -> s.append(' ').append(name).append("=%").append(id));
        s.append('\n');
    }
}
