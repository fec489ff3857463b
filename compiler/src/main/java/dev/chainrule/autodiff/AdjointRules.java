package dev.chainrule.autodiff;

import dev.chainrule.ir.GraphBuilder;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Op.Kind;
import dev.chainrule.ir.Value;
import java.util.function.IntSupplier;

/**
 * The derivative table: for each op, the adjoints it sends to its inputs given its own adjoint
 * {@code g}. Activation derivatives read the forward output (σ' = y(1 − y), tanh' = 1 − y²);
 * softmax + cross-entropy is one primitive whose adjoint is the stable softmax(z) − t.
 */
final class AdjointRules {

    /**
     * Receives one adjoint contribution for input value {@code target}, built only if the sink
     * wants it: inputs, targets and constants need no gradient, so nothing is built for them.
     */
    interface Sink {
        void add(int target, IntSupplier contribution);
    }

    private AdjointRules() {}

    static void apply(Value v, int g, GraphBuilder b, Sink sink) {
        String d = "d " + Autodiff.label(v);
        // A switch expression, so a kind without a rule does not compile: the switch statement
        // this was silently skipped MATTVEC and OUTER, and their inputs lost that gradient.
        boolean ruled = switch (v.op().kind()) {
            case INPUT, TARGET, PARAMETER, CONSTANT, ONES -> true;
            case MATVEC -> {
                // z = W a: dW = g aᵀ, da = Wᵀ g
                sink.add(v.input(0), () -> b.add(Op.of(Kind.OUTER), "d " + label(b, v.input(0)),
                        g, v.input(1)));
                sink.add(v.input(1), () -> b.add(Op.of(Kind.MATTVEC), "d " + label(b, v.input(1)),
                        v.input(0), g));
                yield true;
            }
            case MATTVEC -> {
                // h = Wᵀ x: dW = x gᵀ, dx = W g
                sink.add(v.input(0), () -> b.add(Op.of(Kind.OUTER), "d " + label(b, v.input(0)),
                        v.input(1), g));
                sink.add(v.input(1), () -> b.add(Op.of(Kind.MATVEC), "d " + label(b, v.input(1)),
                        v.input(0), g));
                yield true;
            }
            case OUTER -> {
                // G = u vᵀ: du = G_adj v, dv = G_adjᵀ u
                sink.add(v.input(0), () -> b.add(Op.of(Kind.MATVEC), "d " + label(b, v.input(0)),
                        g, v.input(1)));
                sink.add(v.input(1), () -> b.add(Op.of(Kind.MATTVEC), "d " + label(b, v.input(1)),
                        g, v.input(0)));
                yield true;
            }
            case ADD -> {
                sink.add(v.input(0), () -> g);
                sink.add(v.input(1), () -> g);
                yield true;
            }
            case SUB -> {
                sink.add(v.input(0), () -> g);
                sink.add(v.input(1), () -> b.add(Op.of(Kind.SCALE), d, g,
                        b.add(Op.constant(-1.0), "-1")));
                yield true;
            }
            case MUL -> {
                sink.add(v.input(0), () -> b.add(Op.of(Kind.MUL), d, g, v.input(1)));
                sink.add(v.input(1), () -> b.add(Op.of(Kind.MUL), d, g, v.input(0)));
                yield true;
            }
            case SCALE -> {
                sink.add(v.input(0), () -> b.add(Op.of(Kind.SCALE), d, g, v.input(1)));
                yield true;
            }
            case IDENTITY -> elementwise(v, g, b, sink, Op.of(Kind.ONES));
            case SIGMOID -> elementwise(v, g, b, sink, Op.of(Kind.SIGMOID_DERIVATIVE));
            case TANH -> elementwise(v, g, b, sink, Op.of(Kind.TANH_DERIVATIVE));
            case RELU -> elementwise(v, g, b, sink, Op.of(Kind.RELU_DERIVATIVE));
            case SOFTMAX -> {
                sink.add(v.input(0), () -> b.add(Op.of(Kind.SOFTMAX_BACKWARD),
                        "d " + label(b, v.input(0)), v.id(), g));
                yield true;
            }
            case SIGMOID_DERIVATIVE, TANH_DERIVATIVE, RELU_DERIVATIVE, SOFTMAX_BACKWARD ->
                    unsupported(v);
            case SQUARED_ERROR -> {
                // ½ Σ (y − t)²: dy = (y − t) g
                sink.add(v.input(0), () -> b.add(Op.of(Kind.SCALE), "d " + label(b, v.input(0)),
                        b.add(Op.of(Kind.SUB), "y - t", v.input(0), v.input(1)), g));
                yield true;
            }
            case MEAN_SQUARED_ERROR -> {
                // mean (y − t)²: dy = (2/n)(y − t) g
                sink.add(v.input(0), () -> {
                    int n = b.value(v.input(0)).shape().rows();
                    int diff = b.add(Op.of(Kind.SUB), "y - t", v.input(0), v.input(1));
                    int twoOverN = b.add(Op.constant(2.0 / n), "2/n");
                    int scaled = b.add(Op.of(Kind.SCALE), "2/n (y - t)", diff, twoOverN);
                    return b.add(Op.of(Kind.SCALE), "d " + label(b, v.input(0)), scaled, g);
                });
                yield true;
            }
            case SOFTMAX_CROSS_ENTROPY -> {
                // −Σ t log softmax(z): dz = (softmax(z) − t) g
                sink.add(v.input(0), () -> {
                    int probabilities = b.add(Op.of(Kind.SOFTMAX), "softmax", v.input(0));
                    int diff = b.add(Op.of(Kind.SUB), "softmax - t", probabilities, v.input(1));
                    return b.add(Op.of(Kind.SCALE), "d " + label(b, v.input(0)), diff, g);
                });
                yield true;
            }
        };
        assert ruled;
    }

    /** y = f(z): dz = g ⊙ f'(z), with f' computed from y. */
    private static boolean elementwise(Value y, int g, GraphBuilder b, Sink sink, Op derivative) {
        sink.add(y.input(0), () -> b.add(Op.of(Kind.MUL), "d " + label(b, y.input(0)), g,
                b.add(derivative, Autodiff.label(y) + "'", y.id())));
        return true;
    }

    private static String label(GraphBuilder b, int id) {
        return Autodiff.label(b.value(id));
    }

    private static boolean unsupported(Value v) {
        throw new UnsupportedOperationException("no second derivatives: " + v.op().mnemonic());
    }
}
