package dev.chainrule.passes;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.GraphBuilder;
import dev.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a graph value by value, letting a pass replace each value (with inputs already
 * remapped) by an earlier one or keep it; outputs follow the replacements.
 */
final class Rewriter {

    /** Decides the fate of one value; returns the new id it maps to. */
    interface Rule {
        /**
         * @param v the old value
         * @param inputs its inputs, already mapped to new ids
         * @param b the new graph so far
         */
        int rewrite(Value v, List<Integer> inputs, GraphBuilder b);
    }

    private Rewriter() {}

    static Graph rewrite(Graph graph, Rule rule) {
        GraphBuilder b = new GraphBuilder();
        int[] map = new int[graph.values().size()];
        for (Value v : graph.values()) {
            List<Integer> inputs = new ArrayList<>(v.inputs().size());
            for (int in : v.inputs()) {
                inputs.add(map[in]);
            }
            map[v.id()] = rule.rewrite(v, inputs, b);
        }
        graph.outputs().forEach((name, id) -> b.output(name, map[id]));
        return b.build();
    }
}
