package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sums in the one order every reduction uses, in the interpreter and in lowered code alike:
 * row-major, starting from the first element (no +0 to start, so a sum of one element is it).
 */
final class Reduce {

    private Reduce() {}

    /** Σ_k f(k) over the elements of {@code s}, in double. */
    static double sum(Shape s, java.util.function.IntToDoubleFunction f) {
        double acc = f.applyAsDouble(0);
        for (int k = 1; k < s.size(); k++) {
            acc += f.applyAsDouble(k);
        }
        return acc;
    }

    static double sum(Tensor x) {
        return sum(x.shape(), k -> x.data()[k]);
    }

    /**
     * Statements that declare local {@code acc} and add {@code term(i, j)} for every element of
     * {@code s} into it, in row-major order.
     */
    static List<Stmt> into(Emit e, String acc, Shape s,
                           java.util.function.BiFunction<Expr, Expr, Expr> term) {
        List<Stmt> out = new ArrayList<>();
        out.add(e.declare(acc, term.apply(e.index(0), e.index(0))));
        Function<Expr, List<Stmt>> add = null;
        if (s.isMatrix()) {
            // the first row from column 1, then every further row whole
            out.addAll(e.loop(1, s.cols(), j -> List.of(e.assign(acc,
                    plus(e.local(acc), term.apply(e.index(0), j))))));
            out.addAll(e.loop(1, s.rows(), i -> e.loop(0, s.cols(), j -> List.of(
                    e.assign(acc, plus(e.local(acc), term.apply(i, j)))))));
        } else if (!s.isScalar()) { // a vector, or a value of rank 3 or 4 by its flat index
            out.addAll(e.loop(1, s.rows(), i -> List.of(e.assign(acc,
                    plus(e.local(acc), term.apply(i, null))))));
        }
        return out;
    }

    static Expr plus(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.ADD, a, b);
    }

    static Expr minus(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.SUB, a, b);
    }

    static Expr times(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.MUL, a, b);
    }
}
