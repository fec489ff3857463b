package dev.chainrule.loops;

import java.util.List;

/**
 * A method of the generated class. Parameters are {@code double[]} arrays or one {@code double}
 * ({@link Param}); the return type is {@code null} for void, else {@link Type#DOUBLE}.
 * {@code override} methods implement the abstract methods of {@code GeneratedNetwork}
 * (protected); the others are private helpers made by method splitting.
 */
public record LoweredMethod(String name, boolean override, List<Param> params, Type returnType,
                            List<Stmt> body, String comment) {

    public LoweredMethod {
        params = List.copyOf(params);
        body = List.copyOf(body);
    }

    /** A parameter: {@code double[] name} when {@code array}, else {@code double name}. */
    public record Param(String name, boolean array) {}
}
