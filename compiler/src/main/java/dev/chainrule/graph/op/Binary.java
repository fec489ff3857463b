package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * An elementwise arithmetic op of two values under numpy broadcasting. Each {@link Kind} holds
 * its meaning, lowering and derivatives together; an adjoint that reaches a broadcast input is
 * summed back to that input's shape ({@link Rules#unbroadcast}), as JAX's {@code _unbroadcast}.
 */
public record Binary(Kind kind) implements Op, Elementwise {

    public enum Kind {
        ADD("+") {
            double apply(double a, double b) { return a + b; }
            Expr.BinaryOp lowered() { return Expr.BinaryOp.ADD; }
            int[] vjp(Rules r, int a, int b, int y, int g) { return new int[] {g, g}; }
            int jvp(Rules r, int a, int b, int y, int ta, int tb) { return r.plus(ta, tb); }
        },
        SUB("-") {
            double apply(double a, double b) { return a - b; }
            Expr.BinaryOp lowered() { return Expr.BinaryOp.SUB; }
            int[] vjp(Rules r, int a, int b, int y, int g) { return new int[] {g, r.negate(g)}; }
            int jvp(Rules r, int a, int b, int y, int ta, int tb) { return r.minus(ta, tb); }
        },
        MUL("*") {
            double apply(double a, double b) { return a * b; }
            Expr.BinaryOp lowered() { return Expr.BinaryOp.MUL; }
            int[] vjp(Rules r, int a, int b, int y, int g) {
                return new int[] {r.times(g, b), r.times(g, a)};
            }
            int jvp(Rules r, int a, int b, int y, int ta, int tb) {
                return r.plus(r.times(ta, b), r.times(a, tb));
            }
        },
        DIV("/") {
            double apply(double a, double b) { return a / b; }
            Expr.BinaryOp lowered() { return Expr.BinaryOp.DIV; }
            // y = a / b: da = g / b, db = −g·y / b
            int[] vjp(Rules r, int a, int b, int y, int g) {
                return new int[] {r.divide(g, b), r.negate(r.divide(r.times(g, y), b))};
            }
            int jvp(Rules r, int a, int b, int y, int ta, int tb) {
                return r.minus(r.divide(ta, b), r.divide(r.times(tb, y), b));
            }
        };

        private final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        abstract double apply(double a, double b);

        abstract Expr.BinaryOp lowered();

        /** The adjoints of a and b before unbroadcasting, given y's adjoint g. */
        abstract int[] vjp(Rules r, int a, int b, int y, int g);

        /** y's tangent from the tangents of a and b (NONE for zero). */
        abstract int jvp(Rules r, int a, int b, int y, int ta, int tb);
    }

    @Override public String mnemonic() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Shape out = Shape.broadcast(in.get(0), in.get(1));
        Checks.require(out != null, "'" + kind.symbol + "' cannot broadcast shapes "
                + Checks.both(in));
        return out;
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape out = shape(List.of(in.get(0).shape(), in.get(1).shape()));
        double[] y = new double[out.size()];
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                double a = in.get(0).data()[in.get(0).shape().sourceIndex(out, i, j)];
                double b = in.get(1).data()[in.get(1).shape().sourceIndex(out, i, j)];
                y[i * out.cols() + j] = kind.apply(a, b);
            }
        }
        return new Tensor(out, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        int[] d = kind.vjp(r, y.input(0), y.input(1), y.id(), g);
        return List.of(r.unbroadcast(d[0], r.shape(y.input(0))),
                r.unbroadcast(d[1], r.shape(y.input(1))));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        if (tangents.get(0) == Rules.NONE && tangents.get(1) == Rules.NONE) {
            return Rules.NONE;
        }
        int t = kind.jvp(r, y.input(0), y.input(1), y.id(), tangents.get(0), tangents.get(1));
        return r.broadcast(t, y.shape());
    }

    @Override public Expr element(Emit e, Node y, Expr i, Expr j) {
        return new Expr.Binary(kind.lowered(), e.broadcastElement(y.input(0), y.shape(), i, j),
                e.broadcastElement(y.input(1), y.shape(), i, j));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return e.forEach(y.shape(), (i, j) -> List.of(e.store(y, i, j, element(e, y, i, j))));
    }
}
