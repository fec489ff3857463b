package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums a value down to {@code target}, a shape it broadcasts from: the adjoint of broadcasting.
 * Each result element adds its source elements in row-major order.
 */
public record SumTo(Shape target) implements Op {

    @Override public String mnemonic() {
        return "sum_to " + target;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(in.get(0).equals(Shape.broadcast(in.get(0), target)),
                "cannot sum " + in.get(0) + " to " + target);
        return target;
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape s = in.get(0).shape();
        double[] y = new double[target.size()];
        boolean[] seen = new boolean[target.size()];
        for (int i = 0; i < s.rows(); i++) {
            for (int j = 0; j < s.cols(); j++) {
                int to = target.sourceIndex(s, i, j);
                double x = in.get(0).at(i, j);
                y[to] = seen[to] ? y[to] + x : x;
                seen[to] = true;
            }
        }
        return new Tensor(target, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.broadcast(g, r.shape(y.input(0))));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(new SumTo(target), t);
    }

    /**
     * Source dimensions that collapse: a matrix source sums its rows when the target has no
     * row dimension (or one of 1) and its columns when the target's last dimension is 1 or
     * absent; a vector source sums everything; a target equal to the source is a copy.
     */
    @Override public List<Stmt> lower(Emit e, Node y) {
        Shape s = e.shapeOf(y.input(0));
        int x = y.input(0);
        if (target.equals(s)) {
            // nothing collapses: a copy (the branches below would sum a dimension that stays)
            return e.forEach(s, (i, j) -> List.of(e.store(y, i, j, e.element(x, i, j))));
        }
        if (target.isScalar() || target.size() == 1) {
            List<Stmt> body = new ArrayList<>(Reduce.into(e, "acc", s, (i, j) -> e.element(x, i, j)));
            body.add(e.store(y, e.index(0), e.index(0), e.local("acc")));
            return List.of(e.scope(body));
        }
        if (s.isFlat()) {
            return flatSource(e, y, s);
        }
        // s is a matrix here; the target keeps either its rows or its columns
        boolean keepRows = target.isMatrix() && target.cols() == 1;
        int kept = keepRows ? s.rows() : s.cols();
        int summed = keepRows ? s.cols() : s.rows();
        return e.loop(0, kept, k -> {
            List<Stmt> body = new ArrayList<>();
            body.add(e.declare("acc", keepRows ? e.element(x, k, e.index(0))
                    : e.element(x, e.index(0), k)));
            body.addAll(e.loop(1, summed, m -> List.of(e.assign("acc", Reduce.plus(
                    e.local("acc"), keepRows ? e.element(x, k, m) : e.element(x, m, k))))));
            Expr row = target.isMatrix() ? (keepRows ? k : e.index(0)) : k;
            Expr col = target.isMatrix() ? (keepRows ? e.index(0) : k) : null;
            body.add(e.store(y, row, col, e.local("acc")));
            return List.of(e.scope(body));
        });
    }

    /**
     * A source of rank 3 or 4: for each target element, its first source element and then the
     * others in row-major order (one loop over the summed dimensions' flat index m).
     */
    private List<Stmt> flatSource(Emit e, Node y, Shape s) {
        int offset = s.rank() - target.rank();
        boolean[] summed = new boolean[s.rank()];
        int count = 1;
        for (int d = 0; d < s.rank(); d++) {
            summed[d] = d < offset || target.dim(d - offset) == 1 && s.dim(d) > 1;
            count *= summed[d] ? s.dim(d) : 1;
        }
        int sources = count;
        // summed dimensions that are the trailing block of the source (a bias's [K, H, W] -> [K,
        // 1, 1]) sit at first + m: no index arithmetic per term
        boolean trailing = true;
        int block = 1;
        for (int d = s.rank() - 1; d >= 0; d--) {
            if (summed[d] && s.dim(d) > 1) {
                trailing &= s.stride(d) == block;
                block *= s.dim(d);
            }
        }
        boolean contiguous = trailing;
        return e.forEach(target, (i, j) -> {
            Expr t = target.isMatrix() ? Indices.add(Indices.mul(i, target.cols()), j) : i;
            Expr base = e.index(0);
            for (int d = offset; d < s.rank(); d++) {
                if (!summed[d] && s.dim(d) > 1) {
                    Expr at = Indices.rem(Indices.div(t, target.stride(d - offset)),
                            target.dim(d - offset), d == offset);
                    base = Indices.add(base, Indices.mul(at, s.stride(d)));
                }
            }
            Expr first = base;
            List<Stmt> body = new ArrayList<>();
            body.add(e.declare("acc", e.element(y.input(0), first, null)));
            body.addAll(e.loop(1, sources, m -> {
                if (contiguous) {
                    return List.of(e.assign("acc", Reduce.plus(e.local("acc"),
                            e.element(y.input(0), Indices.add(first, m), null))));
                }
                Expr at = first;
                int inner = 1;
                for (int d = s.rank() - 1; d >= 0; d--) {
                    if (summed[d]) {
                        Expr idx = Indices.rem(Indices.div(m, inner), s.dim(d), inner * s.dim(d)
                                == sources);
                        at = Indices.add(at, Indices.mul(idx, s.stride(d)));
                        inner *= s.dim(d);
                    }
                }
                return List.of(e.assign("acc", Reduce.plus(e.local("acc"),
                        e.element(y.input(0), at, null))));
            }));
            body.add(e.store(y, i, j, e.local("acc")));
            return List.of(e.scope(body));
        });
    }
}
