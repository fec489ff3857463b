package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What op lowerings build with: element reads and writes of graph values in their storage
 * (scalar fields, arrays, one array per matrix row), loops, and reals in the network's
 * precision. Transcendentals are computed in double and rounded once, as everywhere.
 */
public interface Emit {

    /** {@code float} or {@code double}: the network's precision. */
    Type real();

    /** A constant of the real type. */
    Expr constant(double value);

    /** Element {@code (i, j)} of value {@code id}, read with {@code id}'s own rank. */
    Expr element(int id, Expr i, Expr j);

    /**
     * Element {@code (i, j)} of a result of shape {@code result} that value {@code id} supplies
     * under numpy broadcasting (dimensions of 1, and missing leading ones, repeat).
     */
    Expr broadcastElement(int id, Shape result, Expr i, Expr j);

    /** Writes element {@code (i, j)} of {@code y}. */
    Stmt store(Node y, Expr i, Expr j, Expr value);

    /** {@code body(i, j)} for every element of {@code shape}: nested loops, or one statement. */
    List<Stmt> forEach(Shape shape, BiFunction<Expr, Expr, List<Stmt>> body);

    /** {@code body(k)} for {@code from <= k < to}, over a fresh loop variable. */
    List<Stmt> loop(int from, int to, Function<Expr, List<Stmt>> body);

    /**
     * {@code body(k)} for {@code from <= k < to} in a counted loop that is never unrolled (the
     * outer loops of a convolution, whose bodies are already unrolled over the kernel).
     */
    List<Stmt> rolledLoop(int from, int to, Function<Expr, List<Stmt>> body);

    /**
     * The float array field that holds value {@code id} whole, flat and row-major (a vector,
     * or a value of rank 3 or 4, with an array of its own), for a runtime kernel to be handed;
     * null when there is none (a double network, a value computed where it is read, a vector
     * kept as scalar fields).
     */
    ArrayRef.Field kernelArray(int id);

    /**
     * A new array field of {@code length} elements of {@code type} (the real type, or int):
     * scratch for the kernel calls that compute {@code y}.
     */
    ArrayRef.Field scratch(Node y, String what, Type type, int length);

    /** The shape of value {@code id}. */
    Shape shapeOf(int id);

    /** {@code f(x)} computed in double and rounded to the real type. */
    Expr math(Expr.MathFunction f, Expr x);

    /** A new local of the real type, declared with {@code init}; {@link #local} reads it. */
    Stmt declare(String name, Expr init);

    Expr local(String name);

    Stmt assign(String name, Expr value);

    /** A block whose locals end with it. */
    Stmt scope(List<Stmt> body);

    /** The constant {@code k} as an index. */
    Expr index(int k);

    /**
     * True when matrix {@code id} is kept transposed, one array per column ({@code [in][out]}
     * for a weight), so that {@code W @ x} can be a sum of scaled rows: loops C2 vectorizes.
     */
    boolean transposed(int id);

    /**
     * {@code y = Σ_j x_j · column j of W}, for W stored transposed: y starts at +0 and each
     * column whose x_j is not exactly zero is added in j order. Equal to the row-by-row dot
     * products but for the sign of a zero sum.
     */
    List<Stmt> columnSum(Node y, int w, int x);

    /**
     * {@code y = g @ W} for W stored transposed: one dot product per stored row, several side
     * by side; where y is only read times relu′, only the rows relu let through.
     */
    List<Stmt> rowDots(Node y, int g, int w);

    /**
     * The statement that keeps softmax node {@code y}'s log Σ exp of its input, {@code lse},
     * for a later cross-entropy of the same input to read instead of taking every exp again;
     * null when no such reader was paired with y.
     */
    Stmt keepLogSumExp(Node y, Expr lse);

    /** The log Σ exp that {@link #keepLogSumExp} kept for loss node {@code y}, or null. */
    Expr keptLogSumExp(Node y);
}
