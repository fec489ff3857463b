package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.loops.RuntimeParameter;

/**
 * The text a graph's class hands the runtime in its constructor: the names, roles and shapes
 * {@code GeneratedGraph} reads (its params' layouts go as {@link RuntimeParameter}s).
 */
final class RuntimeLayouts {

    private RuntimeLayouts() {}

    /**
     * {@code output;loss;passes;role name dims;...}, as {@code GeneratedGraph} reads it; passes
     * is {@code derivatives} when the class has passes for every name's derivatives (a graph
     * description's: tangents always, adjoints when its output is a scalar), {@code values} when
     * it has none (a layer description's).
     */
    static String graph(Graph g) {
        StringBuilder s = new StringBuilder(g.info().output()).append(';').append(g.info().loss())
                .append(";").append(g.adjoints().isEmpty() && g.tangents().isEmpty() ? "values"
                        : "derivatives");
        for (String name : g.info().names()) {
            Node n = g.node(g.value(name));
            String role = n.op() instanceof Leaf l && l.role() != Role.ADJOINT_SEED
                    && l.role() != Role.TANGENT_SEED && l.name().equals(name)
                    ? l.role().name().toLowerCase(java.util.Locale.ROOT) : "node";
            String dims = String.join("x", n.shape().dims().stream().map(String::valueOf).toList());
            s.append(';').append(role).append(' ').append(name).append(' ').append(dims);
        }
        return s.toString();
    }
}
