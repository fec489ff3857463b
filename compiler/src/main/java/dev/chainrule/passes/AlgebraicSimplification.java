package dev.chainrule.passes;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.GraphBuilder;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import java.util.List;

/**
 * Removes multiplications that cannot change a value: {@code g ⊙ ones} (the identity
 * activation's derivative), {@code v · 1} (the loss adjoint seed) and the identity op itself.
 * The values left behind are dead; {@link DeadCodeElimination} removes them.
 */
public final class AlgebraicSimplification implements Pass {

    @Override
    public String name() {
        return "simplify";
    }

    @Override
    public Result run(Graph graph) {
        boolean[] changed = {false};
        Graph out = Rewriter.rewrite(graph, (Value v, List<Integer> inputs, GraphBuilder b) -> {
            Integer same = unchangedInput(v.op(), inputs, b);
            if (same != null) {
                changed[0] = true;
                return same;
            }
            return b.copy(v, inputs);
        });
        return new Result(out, changed[0]);
    }

    /** The input this value equals exactly, or null. */
    private static Integer unchangedInput(Op op, List<Integer> in, GraphBuilder b) {
        return switch (op.kind()) {
            case IDENTITY -> in.get(0);
            case MUL -> isOnes(b.value(in.get(1))) ? in.get(0)
                    : isOnes(b.value(in.get(0))) ? in.get(1) : null;
            case SCALE -> isConstant(b.value(in.get(1)), 1.0) ? in.get(0) : null;
            default -> null;
        };
    }

    private static boolean isOnes(Value v) {
        return v.op().kind() == Op.Kind.ONES;
    }

    private static boolean isConstant(Value v, double value) {
        return v.op().kind() == Op.Kind.CONSTANT && v.op().constant() == value;
    }
}
