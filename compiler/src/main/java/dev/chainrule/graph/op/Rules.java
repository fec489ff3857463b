package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;

/**
 * What derivative rules build with: new nodes appended to the graph being differentiated.
 * {@link #NONE} stands for a zero value that is never built; the helpers treat it as zero.
 */
public interface Rules {

    int NONE = -1;

    Shape shape(int id);

    /** Appends {@code op} applied to {@code inputs}. */
    int add(Op op, int... inputs);

    default int constant(double value) {
        return add(new Constant(Tensor.scalar(value)));
    }

    default int plus(int a, int b) {
        return a == NONE ? b : b == NONE ? a : add(new Binary(Binary.Kind.ADD), a, b);
    }

    default int minus(int a, int b) {
        return b == NONE ? a : a == NONE ? negate(b) : add(new Binary(Binary.Kind.SUB), a, b);
    }

    default int times(int a, int b) {
        return a == NONE || b == NONE ? NONE : add(new Binary(Binary.Kind.MUL), a, b);
    }

    default int divide(int a, int b) {
        return a == NONE ? NONE : add(new Binary(Binary.Kind.DIV), a, b);
    }

    default int negate(int a) {
        return a == NONE ? NONE : add(new Unary(Unary.Kind.NEG), a);
    }

    default int apply(Unary.Kind kind, int a) {
        return add(new Unary(kind), a);
    }

    default int sum(int a) {
        return a == NONE ? NONE : add(new Sum(), a);
    }

    /** {@code g} summed over the dimensions that broadcasting added to reach its shape. */
    default int unbroadcast(int g, Shape to) {
        return g == NONE || shape(g).equals(to) ? g : add(new SumTo(to), g);
    }

    /** {@code x} repeated to {@code to} as broadcasting would. */
    default int broadcast(int x, Shape to) {
        return x == NONE || shape(x).equals(to) ? x : add(new BroadcastTo(to), x);
    }
}
