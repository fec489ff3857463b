package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.op.Leaf;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Sets of a graph's nodes, as flags by id: what depends on what, what reaches what. */
final class NodeSets {

    private NodeSets() {}

    static boolean[] dependsOn(Graph g, Role role) {
        boolean[] out = new boolean[g.nodes().size()];
        for (Node n : g.nodes()) {
            out[n.id()] = n.op() instanceof Leaf l && l.role() == role;
            for (int in : n.inputs()) {
                out[n.id()] |= out[in];
            }
        }
        return out;
    }
    static List<Integer> all(Graph g) {
        List<Integer> roots = new ArrayList<>(g.values().values());
        roots.addAll(g.adjoints().values());
        roots.addAll(g.tangents().values());
        roots.addAll(g.gradients().values());
        return roots;
    }
    static boolean[] reach(Graph g, Collection<Integer> roots) {
        boolean[] out = new boolean[g.nodes().size()];
        roots.forEach(r -> out[r] = true);
        for (int id = out.length - 1; id >= 0; id--) {
            if (out[id]) {
                for (int in : g.node(id).inputs()) {
                    out[in] = true;
                }
            }
        }
        return out;
    }
    static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k] && b[k];
        }
        return out;
    }
    static boolean[] not(boolean[] a) {
        boolean[] out = new boolean[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = !a[k];
        }
        return out;
    }
    static boolean[] minus(boolean[] a, boolean[] b) {
        return and(a, not(b));
    }
}
