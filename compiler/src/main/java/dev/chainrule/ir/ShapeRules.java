package dev.chainrule.ir;

import java.util.List;

/** The shape each op produces from its input shapes; throws on a mismatch. */
public final class ShapeRules {

    private ShapeRules() {}

    /**
     * @param leafShape the declared shape of a parameter leaf, else ignored
     */
    public static Shape infer(Op op, List<Shape> in, Shape leafShape) {
        return switch (op.kind()) {
            case INPUT, TARGET -> Shape.vector(op.size());
            case PARAMETER -> {
                if (leafShape == null || leafShape.isScalar()) {
                    throw new IllegalArgumentException("parameter " + op.parameter() + " needs a shape");
                }
                yield leafShape;
            }
            case CONSTANT -> Shape.SCALAR;
            case MATVEC -> {
                arity(op, in, 2);
                require(op, in.get(0).isMatrix() && in.get(1).isVector()
                        && in.get(0).cols() == in.get(1).rows(), in);
                yield Shape.vector(in.get(0).rows());
            }
            case MATTVEC -> {
                arity(op, in, 2);
                require(op, in.get(0).isMatrix() && in.get(1).isVector()
                        && in.get(0).rows() == in.get(1).rows(), in);
                yield Shape.vector(in.get(0).cols());
            }
            case OUTER -> {
                arity(op, in, 2);
                require(op, in.get(0).isVector() && in.get(1).isVector(), in);
                yield Shape.matrix(in.get(0).rows(), in.get(1).rows());
            }
            case ADD, SUB, MUL, SOFTMAX_BACKWARD -> sameShape(op, in);
            case SCALE -> {
                arity(op, in, 2);
                require(op, !in.get(0).isScalar() && in.get(1).isScalar(), in);
                yield in.get(0);
            }
            case IDENTITY, SIGMOID, TANH, RELU, SOFTMAX, ONES,
                    SIGMOID_DERIVATIVE, TANH_DERIVATIVE, RELU_DERIVATIVE -> unaryVector(op, in);
            case SQUARED_ERROR, MEAN_SQUARED_ERROR, SOFTMAX_CROSS_ENTROPY -> loss(op, in);
        };
    }

    private static Shape unaryVector(Op op, List<Shape> in) {
        arity(op, in, 1);
        require(op, in.get(0).isVector(), in);
        return in.get(0);
    }

    private static Shape sameShape(Op op, List<Shape> in) {
        arity(op, in, 2);
        require(op, in.get(0).equals(in.get(1)) && !in.get(0).isScalar(), in);
        return in.get(0);
    }

    private static Shape loss(Op op, List<Shape> in) {
        arity(op, in, 2);
        require(op, in.get(0).isVector() && in.get(0).equals(in.get(1)), in);
        return Shape.SCALAR;
    }

    private static void arity(Op op, List<Shape> in, int expected) {
        if (in.size() != expected) {
            throw new IllegalArgumentException(op.mnemonic() + " takes " + expected
                    + " inputs, got " + in.size());
        }
    }

    private static void require(Op op, boolean ok, List<Shape> in) {
        if (!ok) {
            throw new IllegalArgumentException(op.mnemonic() + " cannot take shapes " + in);
        }
    }
}
