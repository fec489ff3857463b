package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code a @ b}: {@code [r,c]@[c]} → {@code [r]}, {@code [r,c]@[c,k]} → {@code [r,k]},
 * {@code [c]@[c,k]} → {@code [k]}, {@code [n]@[n]} → {@code []}. Each result element is a sum
 * over the shared dimension in index order, starting from the first product.
 * Adjoints: {@code da = g @ bᵀ} and {@code db = aᵀ @ g}, written per case without a transpose
 * where one exists ({@code W @ x}: {@code dW = g xᵀ}, {@code dx = g @ W}).
 */
public record MatMul() implements Op {

    @Override public String mnemonic() {
        return "matmul";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Shape a = in.get(0);
        Shape b = in.get(1);
        Checks.require(!a.isScalar() && !b.isScalar(),
                "'@' needs vectors or matrices, got " + Checks.both(in));
        Checks.require(!a.isFlat() && !b.isFlat(), "'@' needs vectors or matrices (rank 1 or 2),"
                + " got rank " + (a.isFlat() ? a : b).rank() + " " + (a.isFlat() ? a : b));
        int inner = a.isMatrix() ? a.cols() : a.rows();
        int bInner = b.rows();
        Checks.require(inner == bInner, "'@' cannot multiply shapes " + Checks.both(in)
                + " (inner dimensions " + inner + " and " + bInner + " differ)");
        if (a.isMatrix()) {
            return b.isMatrix() ? Shape.of(a.rows(), b.cols()) : Shape.of(a.rows());
        }
        return b.isMatrix() ? Shape.of(b.cols()) : Shape.SCALAR;
    }

    /** Rows of the result's a-side (1 for a vector a) and its b-side columns (1 for vector b). */
    @Override public Tensor eval(List<Tensor> in) {
        Tensor a = in.get(0);
        Tensor b = in.get(1);
        Shape out = shape(List.of(a.shape(), b.shape()));
        int rows = a.shape().isMatrix() ? a.shape().rows() : 1;
        int inner = b.shape().rows();
        int cols = b.shape().isMatrix() ? b.shape().cols() : 1;
        double[] y = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double acc = a.data()[i * inner] * b.data()[k];
                for (int j = 1; j < inner; j++) {
                    acc += a.data()[i * inner + j] * b.data()[j * cols + k];
                }
                y[i * cols + k] = acc;
            }
        }
        return new Tensor(out, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        int a = y.input(0);
        int b = y.input(1);
        Shape sa = r.shape(a);
        Shape sb = r.shape(b);
        MatMul mm = new MatMul();
        if (sa.isMatrix() && sb.isVector()) {       // y = W x
            return List.of(r.add(new Outer(), g, b), r.add(mm, g, a));
        }
        if (sa.isMatrix()) {                        // Y = A B
            return List.of(r.add(mm, g, r.add(new Transpose(), b)),
                    r.add(mm, r.add(new Transpose(), a), g));
        }
        if (sb.isMatrix()) {                        // y = x B
            return List.of(r.add(mm, b, g), r.add(new Outer(), a, g));
        }
        return List.of(r.times(g, b), r.times(g, a)); // y = a · b
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int ta = tangents.get(0);
        int tb = tangents.get(1);
        int left = ta == Rules.NONE ? Rules.NONE : r.add(new MatMul(), ta, y.input(1));
        int right = tb == Rules.NONE ? Rules.NONE : r.add(new MatMul(), y.input(0), tb);
        return r.plus(left, right);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        int a = y.input(0);
        int b = y.input(1);
        Shape sa = e.shapeOf(a);
        Shape sb = e.shapeOf(b);
        if (sa.isMatrix() && sb.isVector() && e.transposed(a)) {
            return e.columnSum(y, a, b);
        }
        if (sa.isVector() && sb.isMatrix() && e.transposed(b)) {
            return e.rowDots(y, a, b);
        }
        int inner = sb.rows();
        // y(i, k) = Σ_j a(i, j) b(j, k), with vector sides read by their one index
        return e.forEach(y.shape(), (yi, yk) -> {
            Expr i = sa.isMatrix() ? yi : null;
            Expr k = sb.isMatrix() ? (sa.isMatrix() ? yk : yi) : null;
            List<Stmt> body = new ArrayList<>();
            body.add(e.declare("acc", product(e, a, sa, b, sb, i, e.index(0), k)));
            if (inner > 1) {
                body.addAll(e.loop(1, inner, j -> List.of(e.assign("acc", new Expr.Binary(
                        Expr.BinaryOp.ADD, e.local("acc"), product(e, a, sa, b, sb, i, j, k))))));
            }
            body.add(e.store(y, yi, yk, e.local("acc")));
            return List.of(e.scope(body));
        });
    }

    private static Expr product(Emit e, int a, Shape sa, int b, Shape sb, Expr i, Expr j,
                                Expr k) {
        Expr left = sa.isMatrix() ? e.element(a, i, j) : e.element(a, j, null);
        Expr right = sb.isMatrix() ? e.element(b, j, k) : e.element(b, j, null);
        return new Expr.Binary(Expr.BinaryOp.MUL, left, right);
    }
}
