package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.op.Elementwise;
import java.util.Collection;
import java.util.List;

/**
 * Elementwise values that are written into their reader's expression instead of a field of
 * their own: read once, by an elementwise op of the same shape, and not named (nothing exports
 * them). A chain such as tanh′ then lowers to {@code d_z = d_a * (1 - a * a)}: one loop or one
 * statement per element, no stores in between, and the same roundings in the same order (each
 * operation still rounds to the network's precision), so the same bits.
 */
final class ElementwiseFusion {

    /**
     * Fused values in a row before one gets a field again: keeps every expression shallow (a
     * 5,000-node chain would otherwise be one expression 5,000 deep, which overflows the stack of
     * every recursive walk after it, javac's included) and every statement a small block the
     * method splitter can cut between.
     */
    static final int MAX_DEPTH = 32;

    private ElementwiseFusion() {}

    /** @param kept values that must not be fused (they have storage of their own, or share) */
    static boolean[] choose(Graph g, boolean[] kept) {
        int size = g.nodes().size();
        int[] uses = g.useCounts();
        int[] reader = new int[size];
        java.util.Arrays.fill(reader, -1);
        for (Node n : g.nodes()) {
            for (int in : n.inputs()) {
                reader[in] = n.id();
            }
        }
        boolean[] exported = exported(g);
        boolean[] out = new boolean[size];
        for (Node n : g.nodes()) {
            int r = reader[n.id()];
            out[n.id()] = n.op() instanceof Elementwise && uses[n.id()] == 1 && r >= 0
                    && !exported[n.id()] && !kept[n.id()] && g.node(r).op() instanceof Elementwise
                    && g.shape(r).equals(n.shape());
        }
        // ids are in topological order: depth[n] counts the fused values n's expression holds
        int[] depth = new int[size];
        for (Node n : g.nodes()) {
            int inside = 0;
            for (int in : n.inputs()) {
                if (out[in]) {
                    inside = Math.max(inside, depth[in]);
                }
            }
            depth[n.id()] = inside + 1;
            if (out[n.id()] && depth[n.id()] >= MAX_DEPTH) {
                out[n.id()] = false;
            }
        }
        return out;
    }

    /** Values something outside the methods' own code reads: named values and derivatives. */
    static boolean[] exported(Graph g) {
        boolean[] exported = new boolean[g.nodes().size()];
        for (Collection<Integer> named : List.of(g.values().values(), g.adjoints().values(),
                g.tangents().values(), g.gradients().values())) {
            named.forEach(id -> exported[id] = true);
        }
        return exported;
    }
}
