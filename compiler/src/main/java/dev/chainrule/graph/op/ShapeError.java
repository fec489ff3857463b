package dev.chainrule.graph.op;

/** Inputs whose shapes an op cannot take; the message names them. */
public final class ShapeError extends IllegalArgumentException {

    public ShapeError(String message) {
        super(message);
    }
}
