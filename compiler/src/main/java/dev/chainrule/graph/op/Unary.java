package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Expr.MathFunction;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * An elementwise function of one value. Each {@link Kind} holds its whole definition in one
 * place: its meaning ({@code apply}), its lowering ({@code element}), and its derivative rules,
 * which read the forward output {@code y} where that is cheaper (σ' = y(1 − y), tanh' = 1 − y²).
 * Kinks follow PyTorch: relu'(0) = 0, abs'(0) = 0.
 */
public record Unary(Kind kind) implements Op, Elementwise {

    public enum Kind {
        NEG {
            double apply(double x) { return -x; }
            Expr element(Emit e, Expr x) { return new Expr.Negate(x); }
            int derivative(Rules r, int x, int y, int d) { return r.negate(d); }
        },
        EXP {
            double apply(double x) { return Math.exp(x); }
            Expr element(Emit e, Expr x) { return e.math(MathFunction.EXP, x); }
            int derivative(Rules r, int x, int y, int d) { return r.times(d, y); }
        },
        LOG {
            double apply(double x) { return Math.log(x); }
            Expr element(Emit e, Expr x) { return e.math(MathFunction.LOG, x); }
            int derivative(Rules r, int x, int y, int d) { return r.divide(d, x); }
        },
        SQRT {
            double apply(double x) { return Math.sqrt(x); }
            Expr element(Emit e, Expr x) { return e.math(MathFunction.SQRT, x); }
            // d sqrt(x) = d / (2 sqrt(x))
            int derivative(Rules r, int x, int y, int d) {
                return r.divide(d, r.times(r.constant(2), y));
            }
        },
        ABS {
            double apply(double x) { return Math.abs(x); }
            // max(x, -x): branch-free, +0 for ±0, NaN for NaN, as Math.abs
            Expr element(Emit e, Expr x) { return new Expr.Max(x, new Expr.Negate(x)); }
            int derivative(Rules r, int x, int y, int d) { return r.times(d, r.apply(SIGN, x)); }
        },
        TANH {
            double apply(double x) { return Math.tanh(x); }
            Expr element(Emit e, Expr x) { return e.math(MathFunction.TANH, x); }
            // tanh' = 1 − y²
            int derivative(Rules r, int x, int y, int d) {
                return r.times(d, r.minus(r.constant(1), r.times(y, y)));
            }
        },
        SIGMOID {
            double apply(double x) { return 1 / (1 + Math.exp(-x)); }
            Expr element(Emit e, Expr x) {
                Expr one = new Expr.Const(dev.chainrule.loops.Type.DOUBLE, 1);
                Expr z = x.type() == dev.chainrule.loops.Type.DOUBLE ? x
                        : new Expr.Convert(x, dev.chainrule.loops.Type.DOUBLE);
                Expr s = new Expr.Binary(Expr.BinaryOp.DIV, one, new Expr.Binary(
                        Expr.BinaryOp.ADD, one, new Expr.MathCall(MathFunction.EXP,
                        new Expr.Negate(z))));
                return s.type() == e.real() ? s : new Expr.Convert(s, e.real());
            }
            // σ' = y(1 − y)
            int derivative(Rules r, int x, int y, int d) {
                return r.times(d, r.times(y, r.minus(r.constant(1), y)));
            }
        },
        RELU {
            double apply(double x) { return Math.max(x, 0); }
            Expr element(Emit e, Expr x) { return new Expr.Max(x, e.constant(0)); }
            int derivative(Rules r, int x, int y, int d) { return r.times(d, r.apply(STEP, x)); }
        },
        /** abs': −1, 0 or 1 (0 at 0, as PyTorch's sign). */
        SIGN {
            double apply(double x) { return Math.signum(x); }
            // x · 0 where x is neither above nor below 0: ±0 stays ±0 and NaN stays NaN,
            // as Math.signum (and torch.sign)
            Expr element(Emit e, Expr x) {
                return select(Condition.Comparison.GT, x, e.constant(0), e.constant(1),
                        select(Condition.Comparison.LT, x, e.constant(0), e.constant(-1),
                                new Expr.Binary(Expr.BinaryOp.MUL, x, e.constant(0))));
            }
            int derivative(Rules r, int x, int y, int d) { return Rules.NONE; }
        },
        /** relu': 1 where x > 0, else 0 (0 at the kink, as PyTorch). */
        STEP {
            double apply(double x) { return x > 0 ? 1 : 0; }
            Expr element(Emit e, Expr x) {
                return select(Condition.Comparison.GT, x, e.constant(0), e.constant(1),
                        e.constant(0));
            }
            int derivative(Rules r, int x, int y, int d) { return Rules.NONE; }
        };

        /** The function, in double: the reference meaning. */
        abstract double apply(double x);

        /** The function of one element {@code x} of the real type, as lowered code. */
        abstract Expr element(Emit e, Expr x);

        /**
         * The derivative applied to {@code d} (an adjoint in reverse mode, a tangent in forward
         * mode: for an elementwise function both are {@code d ⊙ f'(x)}); {@code y} = f(x).
         */
        abstract int derivative(Rules r, int x, int y, int d);

        private static Expr select(Condition.Comparison c, Expr a, Expr b, Expr yes, Expr no) {
            return new Expr.Select(new Condition(c, a, b), yes, no);
        }

        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override public String mnemonic() {
        return kind.spelling();
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        return in.get(0);
    }

    @Override public Tensor eval(List<Tensor> in) {
        return in.get(0).map(kind::apply);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(kind.derivative(r, y.input(0), y.id(), g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : kind.derivative(r, y.input(0), y.id(), t);
    }

    @Override public Expr element(Emit e, Node y, Expr i, Expr j) {
        return kind.element(e, e.element(y.input(0), i, j));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return e.forEach(y.shape(), (i, j) -> List.of(e.store(y, i, j, element(e, y, i, j))));
    }
}
