package dev.chainrule.loops;

import java.util.List;

/** Statements of the lowered form: straight-line code, loops, and guards. */
public sealed interface Stmt {

    /** A line for people; the source backend prints it, the bytecode backend skips it. */
    record Comment(String text) implements Stmt {}

    /** Declares a local; its scope is the rest of the enclosing block. */
    record Declare(String name, Type type, Expr init) implements Stmt {}

    record Assign(String name, Expr value) implements Stmt {}

    /** {@code array[i]... = value} on a scalar element. */
    record Store(ArrayRef array, List<Expr> indices, Expr value) implements Stmt {
        public Store {
            indices = List.copyOf(indices);
        }
    }

    record StoreScalarField(String name, Expr value) implements Stmt {}

    /** {@code for (int var = from; var < to; var++) body}, with constant bounds. */
    record For(String var, int from, int to, List<Stmt> body) implements Stmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code while (condition) body}: loops whose trip count is known only at run time, such as
     * a pass over the nonzero inputs a forward pass found.
     */
    record While(Condition condition, List<Stmt> body) implements Stmt {
        public While {
            body = List.copyOf(body);
        }
    }

    /** {@code { body }}: a block whose locals end with it, so kernels can reuse short names. */
    record Scope(List<Stmt> body) implements Stmt {
        public Scope {
            body = List.copyOf(body);
        }
    }

    record If(Condition condition, List<Stmt> then) implements Stmt {
        public If {
            then = List.copyOf(then);
        }
    }

    /**
     * Calls another method of the generated class, passing the current method's parameters
     * through unchanged (methods split for the JIT's size limit share state through fields).
     */
    record Call(String method) implements Stmt {}

    record Return(Expr value) implements Stmt {}

    /**
     * {@code BatchKernels.LIVE.method(args)} (or {@code ConvKernels.LIVE}): a kernel of one of
     * the runtime's providers (plain Java, or the Vector API where the JVM has it; the same bits
     * either way), given whole array fields and int values.
     */
    record BatchKernel(Provider provider, String method, List<Arg> args) implements Stmt {
        public BatchKernel {
            args = List.copyOf(args);
        }

        /** A kernel of the dense provider, {@code BatchKernels}. */
        public BatchKernel(String method, List<Arg> args) {
            this(Provider.DENSE, method, args);
        }

        /** The runtime facades: {@code BatchKernels} and {@code ConvKernels}. */
        public enum Provider { DENSE, CONV }

        /** An argument: an array field passed whole, or an int value. */
        public sealed interface Arg {}

        public record Array(ArrayRef.Field field) implements Arg {}

        public record Value(Expr value) implements Arg {}
    }
}
