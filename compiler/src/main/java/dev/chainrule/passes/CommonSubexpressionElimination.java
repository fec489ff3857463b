package dev.chainrule.passes;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges values that apply the same op to the same inputs: for instance the softmax the
 * cross-entropy adjoint asks for and the network's softmax output. The first keeps its label.
 */
public final class CommonSubexpressionElimination implements Pass {

    private record Key(Op op, List<Integer> inputs) {}

    @Override
    public String name() {
        return "cse";
    }

    @Override
    public Result run(Graph graph) {
        Map<Key, Integer> seen = new HashMap<>();
        boolean[] changed = {false};
        Graph out = Rewriter.rewrite(graph, (v, inputs, b) -> {
            Key key = new Key(v.op(), inputs);
            Integer earlier = seen.get(key);
            if (earlier != null) {
                changed[0] = true;
                return earlier;
            }
            int id = b.copy(v, inputs);
            seen.put(key, id);
            return id;
        });
        return new Result(out, changed[0]);
    }
}
