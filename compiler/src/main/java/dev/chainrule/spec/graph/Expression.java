package dev.chainrule.spec.graph;

import java.util.List;

/**
 * One parsed expression of a graph description's {@code graph:} section, such as
 * {@code relu(W1 @ x + b1)}. Every node knows where it starts in the description file, so later
 * stages (shape checks in the graph builder) can point inside the expression.
 */
public sealed interface Expression {

    /** Where the node's first token starts, in the description file. */
    SourceLocation location();

    /** A number literal as written ({@code 1}, {@code 2.5}, {@code 1e-3}). */
    record Number(SourceLocation location, double value, String text) implements Expression {}

    /** A reference to an input, target, param or earlier node. */
    record Name(SourceLocation location, String name) implements Expression {}

    /** {@code -operand}; the location is the sign's. (A unary {@code +} leaves no node.) */
    record Negate(SourceLocation location, Expression operand) implements Expression {}

    /** {@code left op right}; the location is the operator's. */
    record Binary(SourceLocation location, Operator operator, Expression left, Expression right)
            implements Expression {}

    /**
     * {@code base ** exponent}, the exponent a (possibly signed) number literal; the location is
     * the operator's.
     */
    record Power(SourceLocation location, Expression base, double exponent, String text)
            implements Expression {}

    /** {@code function(arguments...)}; the location is the function name's. */
    record Call(SourceLocation location, Function function, List<Expression> arguments)
            implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    enum Operator {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MATMUL("@");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The functions an expression may call, with their arity. */
    enum Function {
        EXP("exp", 1), LOG("log", 1), SQRT("sqrt", 1), ABS("abs", 1), TANH("tanh", 1),
        SIGMOID("sigmoid", 1), RELU("relu", 1), SOFTMAX("softmax", 1),
        LOG_SOFTMAX("log_softmax", 1), SUM("sum", 1), MEAN("mean", 1),
        TRANSPOSE("transpose", 1), SQUARED_ERROR("squared_error", 2), MSE("mse", 2),
        SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy", 2);

        private final String spelling;
        private final int arity;

        Function(String spelling, int arity) {
            this.spelling = spelling;
            this.arity = arity;
        }

        public String spelling() {
            return spelling;
        }

        public int arity() {
            return arity;
        }
    }
}
