package dev.chainrule.passes;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Value;

/** Drops values no output depends on (for instance the gradient of the input vector). */
public final class DeadCodeElimination implements Pass {

    @Override
    public String name() {
        return "dce";
    }

    @Override
    public Result run(Graph graph) {
        boolean[] live = new boolean[graph.values().size()];
        for (int id : graph.outputs().values()) {
            live[id] = true;
        }
        for (int id = live.length - 1; id >= 0; id--) {
            if (live[id]) {
                for (int in : graph.value(id).inputs()) {
                    live[in] = true;
                }
            }
        }
        int dead = 0;
        for (boolean l : live) {
            dead += l ? 0 : 1;
        }
        if (dead == 0) {
            return new Result(graph, false);
        }
        Graph out = Rewriter.rewrite(graph, (v, inputs, b) ->
                live[v.id()] ? b.copy(v, inputs) : -1);
        return new Result(out, true);
    }
}
