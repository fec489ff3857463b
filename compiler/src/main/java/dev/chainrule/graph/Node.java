package dev.chainrule.graph;

import dev.chainrule.graph.op.Op;
import java.util.List;

/**
 * One value of a {@link Graph}: the op that computes it from earlier values, and its shape.
 *
 * @param label what people call it: the description's name for named values, {@code d_c} for
 *     the adjoint of {@code c}; the lowering derives identifiers from it
 */
public record Node(int id, Op op, List<Integer> inputs, Shape shape, String label) {

    public Node {
        inputs = List.copyOf(inputs);
    }

    public int input(int k) {
        return inputs.get(k);
    }

    public Node withId(int newId, List<Integer> newInputs) {
        return new Node(newId, op, newInputs, shape, label);
    }
}
