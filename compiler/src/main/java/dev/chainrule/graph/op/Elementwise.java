package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.loops.Expr;

/**
 * An op whose every element is one expression of its inputs' elements at the same place
 * (after broadcasting). Its lowering is that expression stored at each element; where its one
 * reader is elementwise too, the lowering may write the expression into the reader's instead
 * (a fused chain: {@code d_z = d_a * (1 - a * a)}, with no field in between).
 */
public interface Elementwise {

    /** Element (i, j) of {@code y}: the indices of y's own shape. */
    Expr element(Emit e, Node y, Expr i, Expr j);
}
