package dev.chainrule.description.graph;

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

    /**
     * {@code function(arguments..., keyword=value...)}; the location is the function name's.
     * Keyword values, and the size arguments of pools and reshape, are {@link Number}s or
     * {@link Sizes}.
     */
    record Call(SourceLocation location, Function function, List<Expression> arguments,
                List<Keyword> keywords) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
            keywords = List.copyOf(keywords);
        }

        public Call(SourceLocation location, Function function, List<Expression> arguments) {
            this(location, function, arguments, List.of());
        }
    }

    /** {@code name=value} in a call; the location is the name's. */
    record Keyword(SourceLocation location, String name, Expression value) {}

    /** A list of number literals such as {@code [2, 3]}: a pair of sizes, or a shape. */
    record Sizes(SourceLocation location, List<Number> items) implements Expression {
        public Sizes {
            items = List.copyOf(items);
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

    /** The functions an expression may call, with their arity and keywords. */
    enum Function {
        EXP("exp", 1), LOG("log", 1), SQRT("sqrt", 1), ABS("abs", 1), TANH("tanh", 1),
        SIGMOID("sigmoid", 1), RELU("relu", 1), SOFTMAX("softmax", 1),
        LOG_SOFTMAX("log_softmax", 1), SUM("sum", 1), MEAN("mean", 1),
        TRANSPOSE("transpose", 1), SQUARED_ERROR("squared_error", 2), MSE("mse", 2),
        SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy", 2),
        CONV2D("conv2d", 2, 3, "stride", "padding", "dilation"),
        MAX_POOL2D("max_pool2d", 2, 2, "stride", "padding"),
        AVG_POOL2D("avg_pool2d", 2, 2, "stride", "padding"),
        FLATTEN("flatten", 1), RESHAPE("reshape", 2);

        private final String spelling;
        private final int minArity;
        private final int maxArity;
        private final List<String> keywords;

        Function(String spelling, int arity) {
            this(spelling, arity, arity);
        }

        Function(String spelling, int minArity, int maxArity, String... keywords) {
            this.spelling = spelling;
            this.minArity = minArity;
            this.maxArity = maxArity;
            this.keywords = List.of(keywords);
        }

        public String spelling() {
            return spelling;
        }

        public int minArity() {
            return minArity;
        }

        public int maxArity() {
            return maxArity;
        }

        /** The keyword arguments it takes, such as {@code stride}. */
        public List<String> keywords() {
            return keywords;
        }
    }
}
