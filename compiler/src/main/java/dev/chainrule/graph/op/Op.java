package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * An operation of the general graph IR. Everything an op means sits in its one record: its
 * shape rule, its meaning (the double-precision reference interpreter), its adjoint (VJP) rule,
 * its tangent (JVP) rule and its lowering. The methods are abstract and the interface is sealed,
 * so an op kind that lacks one of them does not compile, and every switch over ops is checked.
 */
public sealed interface Op permits Leaf, Constant, Unary, Binary, MatMul, Outer, Transpose,
        Power, Softmax, LogSoftmax, Sum, Mean, SumTo, BroadcastTo, SquaredError, MeanSquaredError,
        SoftmaxCrossEntropy, Reshape, Conv2d, Conv2dInputGrad, Conv2dWeightGrad, MaxPool2d,
        MaxPool2dGather, MaxPool2dScatter, AvgPool2d, AvgPool2dTranspose {

    /** How the op prints in IR dumps, like {@code matmul} or {@code pow 2.0}. */
    String mnemonic();

    /**
     * The result's shape.
     *
     * @throws ShapeError naming both shapes when the inputs do not fit
     */
    Shape shape(List<Shape> in);

    /** The op's meaning, in double: what the generated code must compute. */
    Tensor eval(List<Tensor> in);

    /**
     * Reverse mode: the adjoint contribution each input receives, given the adjoint {@code g}
     * of {@code y}; one entry per input, {@link Rules#NONE} where there is none (leaves, or a
     * derivative that is zero everywhere). Each contribution has its input's shape.
     */
    List<Integer> vjp(Rules r, Node y, int g);

    /**
     * Forward mode: the tangent of {@code y} given its inputs' tangents ({@link Rules#NONE} for
     * a zero tangent); {@link Rules#NONE} when it is zero. The tangent has {@code y}'s shape.
     */
    int jvp(Rules r, Node y, List<Integer> tangents);

    /** Statements that compute {@code y} into its storage, its inputs already computed. */
    List<Stmt> lower(Emit e, Node y);
}
