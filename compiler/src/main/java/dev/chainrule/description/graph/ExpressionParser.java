package dev.chainrule.description.graph;

import dev.chainrule.description.Messages;
import dev.chainrule.description.Suggestions;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.Expression.Operator;
import dev.chainrule.description.graph.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses one expression of a graph description by recursive descent, with Python's (and
 * numpy's) precedence, loosest first:
 *
 * <pre>
 * sum      := product (('+' | '-') product)*          left-associative
 * product  := signed (('*' | '/' | '@') signed)*       left-associative
 * signed   := ('-' | '+') signed | power               so -x ** 2 is -(x ** 2)
 * power    := primary ('**' ('-' | '+')? NUMBER)?      the exponent is a number literal
 * primary  := NUMBER | NAME | FUNCTION '(' arguments ')' | '(' sum ')'
 * arguments := (value (',' value)*)? (',' NAME '=' value)*   keywords after positionals
 * value    := sum | '[' NUMBER (',' NUMBER)* ']'          a list: sizes such as [2, 3]
 * </pre>
 *
 * <p>Unary {@code +} is accepted, as in Python, and leaves no node. Only syntax is checked here
 * (and function arities); which names exist is the {@link GraphValidator}'s business. Every
 * error is a located {@link dev.chainrule.description.SpecException} whose column points inside the
 * expression.
 */
public final class ExpressionParser {

    /** Bounds recursion on input such as {@code ((((...))))} or {@code - - - ... x}. */
    static final int MAX_NESTING = 100;

    private final ExpressionSource source;
    private final List<Token> tokens;
    private int index;
    private int nesting;

    private ExpressionParser(ExpressionSource source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /**
     * The expression tree of {@code source}.
     *
     * @throws dev.chainrule.description.SpecException if the text is not a well-formed expression
     */
    public static Expression parse(ExpressionSource source) {
        List<Token> tokens = ExpressionTokenizer.tokenize(source);
        if (tokens.get(0).is(Kind.END)) {
            throw source.error(0, "empty expression (expected something such as 'a + b')");
        }
        ExpressionParser parser = new ExpressionParser(source, tokens);
        Expression expression = parser.sum();
        parser.expectEnd();
        return expression;
    }

    private Expression sum() {
        Expression left = product();
        while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
            Token operator = advance();
            Expression right = product();
            left = new Expression.Binary(at(operator),
                    operator.is(Kind.PLUS) ? Operator.ADD : Operator.SUB, left, right);
        }
        return left;
    }

    private Expression product() {
        Expression left = signed();
        while (peek().is(Kind.STAR) || peek().is(Kind.SLASH) || peek().is(Kind.AT)) {
            Token operator = advance();
            Operator kind = switch (operator.kind()) {
                case STAR -> Operator.MUL;
                case SLASH -> Operator.DIV;
                default -> Operator.MATMUL;
            };
            left = new Expression.Binary(at(operator), kind, left, signed());
        }
        return left;
    }

    private Expression signed() {
        if (peek().is(Kind.MINUS) || peek().is(Kind.PLUS)) {
            Token sign = advance();
            enter(sign);
            Expression operand = signed();
            nesting--;
            return sign.is(Kind.MINUS) ? new Expression.Negate(at(sign), operand) : operand;
        }
        return power();
    }

    private Expression power() {
        Expression base = primary();
        if (!peek().is(Kind.POWER)) {
            return base;
        }
        Token operator = advance();
        Token first = peek();
        String sign = "";
        if (first.is(Kind.MINUS) || first.is(Kind.PLUS)) {
            sign = advance().text();
        }
        Token number = peek();
        if (first.is(Kind.END) || (!sign.isEmpty() && number.is(Kind.END))) {
            throw expectedExpression(previous());
        }
        if (!number.is(Kind.NUMBER) || tokens.get(index + 1).is(Kind.POWER)) {
            throw source.error(first.offset(), "exponent of '**' must be a number literal"
                    + " (such as 2, 0.5 or -1)");
        }
        advance();
        String text = sign.equals("-") ? "-" + number.text() : number.text();
        return new Expression.Power(at(operator), base, Double.parseDouble(text), text);
    }

    private Expression primary() {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER -> {
                advance();
                return new Expression.Number(at(token), Double.parseDouble(token.text()),
                        token.text());
            }
            case NAME -> {
                advance();
                if (peek().is(Kind.LEFT)) {
                    return call(token);
                }
                Optional<Function> function = function(token.text());
                if (function.isPresent()) {
                    throw source.error(token.offset(), Messages.quote(token.text())
                            + " is a function; call it as " + token.text() + "(...)");
                }
                return new Expression.Name(at(token), token.text());
            }
            case LEFT -> {
                advance();
                enter(token);
                Expression inner = sum();
                nesting--;
                close(token, "')' or an operator");
                return inner;
            }
            default -> throw expectedExpression(index == 0 ? null : previous());
        }
    }

    private Expression call(Token name) {
        Function function = function(name.text()).orElseThrow(() -> unknownFunction(name));
        Token open = advance();
        enter(open);
        List<Expression> arguments = new ArrayList<>();
        List<Expression.Keyword> keywords = new ArrayList<>();
        if (peek().is(Kind.RIGHT)) {
            advance();
        } else {
            argument(function, arguments, keywords);
            while (peek().is(Kind.COMMA)) {
                advance();
                argument(function, arguments, keywords);
            }
            close(open, "',', ')' or an operator");
        }
        nesting--;
        if (arguments.size() < function.minArity() || arguments.size() > function.maxArity()) {
            String count = function.minArity() == function.maxArity()
                    ? Messages.plural(function.minArity(), "argument")
                    : function.minArity() + " or " + function.maxArity() + " arguments";
            throw source.error(name.offset(), Messages.quote(function.spelling()) + " takes "
                    + count + ", got " + arguments.size());
        }
        return new Expression.Call(at(name), function, arguments, keywords);
    }

    /** One positional argument, or a keyword argument after which only keywords may follow. */
    private void argument(Function function, List<Expression> arguments,
                          List<Expression.Keyword> keywords) {
        Token first = peek();
        if (first.is(Kind.NAME) && tokens.get(index + 1).is(Kind.EQUALS)) {
            advance();
            advance();
            if (!function.keywords().contains(first.text())) {
                throw source.error(first.offset(), "unknown keyword " + Messages.quote(
                        first.text()) + " for " + function.spelling() + " (" + (function.keywords()
                        .isEmpty() ? "it takes none" : Suggestions.closest(first.text(),
                                function.keywords()).map(k -> "did you mean '" + k + "'?")
                        .orElse("expected one of " + Messages.list(function.keywords()))) + ")");
            }
            if (keywords.stream().anyMatch(k -> k.name().equals(first.text()))) {
                throw source.error(first.offset(), "keyword " + Messages.quote(first.text())
                        + " given twice");
            }
            keywords.add(new Expression.Keyword(at(first), first.text(), value()));
            return;
        }
        if (!keywords.isEmpty()) {
            throw source.error(first.offset(), "a positional argument after keyword arguments"
                    + " (write keywords such as stride=2 last)");
        }
        arguments.add(value());
    }

    /** An expression, or a list of number literals such as {@code [2, 3]}. */
    private Expression value() {
        if (!peek().is(Kind.LEFT_BRACKET)) {
            return sum();
        }
        Token open = advance();
        List<Expression.Number> items = new ArrayList<>();
        do {
            if (!items.isEmpty()) {
                advance();
            }
            Token sign = peek().is(Kind.MINUS) ? advance() : null;
            Token number = peek();
            if (!number.is(Kind.NUMBER)) {
                throw source.error(number.offset(), "expected a number in the list, got "
                        + number.describe());
            }
            advance();
            String text = (sign == null ? "" : "-") + number.text();
            items.add(new Expression.Number(at(sign == null ? number : sign),
                    Double.parseDouble(text), text));
        } while (peek().is(Kind.COMMA));
        if (!peek().is(Kind.RIGHT_BRACKET)) {
            throw peek().is(Kind.END) ? source.error(open.offset(), "unclosed '['")
                    : source.error(peek().offset(), "expected ',' or ']', got "
                            + peek().describe());
        }
        advance();
        return new Expression.Sizes(at(open), items);
    }

    /** Consumes the ')' that closes {@code open}. */
    private void close(Token open, String expected) {
        Token token = peek();
        if (token.is(Kind.RIGHT)) {
            advance();
            return;
        }
        if (token.is(Kind.END)) {
            throw source.error(open.offset(), "unclosed '(' (expected ')' before the end of"
                    + " the expression)");
        }
        throw source.error(token.offset(), "expected " + expected + ", got " + token.describe());
    }

    private void expectEnd() {
        Token token = peek();
        switch (token.kind()) {
            case END -> { }
            case RIGHT -> throw source.error(token.offset(), "unmatched ')'");
            case COMMA -> throw source.error(token.offset(), "unexpected ',' (commas separate"
                    + " the arguments of a call such as mse(y, t))");
            default -> throw source.error(token.offset(),
                    "expected an operator or the end of the expression, got "
                            + token.describe());
        }
    }

    private RuntimeException expectedExpression(Token after) {
        Token token = peek();
        String got = token.is(Kind.END) ? "" : ", got " + token.describe();
        if (after == null) {
            return source.error(token.offset(), "expected an expression" + (got.isEmpty()
                    ? "" : got));
        }
        return source.error(token.offset(), "expected an expression after '" + after.text()
                + "'" + got);
    }

    private RuntimeException unknownFunction(Token name) {
        List<String> spellings = Arrays.stream(Function.values()).map(Function::spelling)
                .toList();
        return source.error(name.offset(), "unknown function " + Messages.quote(name.text())
                + " (" + Suggestions.closest(name.text(), spellings)
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse("expected one of " + Messages.list(spellings))
                + ")");
    }

    /** The function spelled {@code name}, if any. */
    static Optional<Function> function(String name) {
        return Arrays.stream(Function.values()).filter(f -> f.spelling().equals(name))
                .findFirst();
    }

    private void enter(Token token) {
        if (++nesting > MAX_NESTING) {
            throw source.error(token.offset(), "expression nested too deeply (more than "
                    + MAX_NESTING + " levels of parentheses, calls and signs)");
        }
    }

    private SourceLocation at(Token token) {
        return source.at(token.offset());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token previous() {
        return tokens.get(index - 1);
    }

    private Token advance() {
        return tokens.get(index++);
    }
}
