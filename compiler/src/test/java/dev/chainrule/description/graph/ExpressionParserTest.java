package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.description.SpecException;
import dev.chainrule.description.graph.Expression.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Precedence and associativity (as Python's), node locations, and every syntax error with its
 * exact message. Expressions sit at line 9, column 6 of {@code net.yaml}, as in
 * {@code "  e: c * d"}.
 */
class ExpressionParserTest {

    static Expression parse(String text) {
        return ExpressionParser.parse(source(text));
    }

    static ExpressionSource source(String text) {
        return new ExpressionSource(text, "net.yaml", 9, 6, "graph.e", true);
    }

    static String structure(String text) {
        return ExpressionPrinter.print(parse(text));
    }

    static void assertError(String text, String message) {
        SpecException error = assertThrows(SpecException.class, () -> parse(text), text);
        assertEquals(message, error.getMessage());
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a + b * c             | (a + (b * c))
            a * b + c             | ((a * b) + c)
            a - b - c             | ((a - b) - c)
            a / b / c             | ((a / b) / c)
            a - b + c             | ((a - b) + c)
            a * b / c @ d         | (((a * b) / c) @ d)
            W @ x + b             | ((W @ x) + b)
            (a + b) * c           | ((a + b) * c)
            -a * b                | ((-a) * b)
            a * -b                | (a * (-b))
            a - -b                | (a - (-b))
            -x ** 2               | (-(x ** 2))
            x ** -1.5             | (x ** -1.5)
            x ** +2               | (x ** 2)
            x ** 0.5 * y          | ((x ** 0.5) * y)
            2 ** 3                | (2 ** 3)
            (x + 1) ** 2          | ((x + 1) ** 2)
            f_2 ** 3 ** 1         | ERROR
            a * b ** 2            | (a * (b ** 2))
            --a                   | (-(-a))
            +a                    | a
            - + - a               | (-(-a))
            relu(W1 @ x + b1)     | relu(((W1 @ x) + b1))
            mse(y, t) + 1         | (mse(y, t) + 1)
            exp(-x) ** 2          | (exp((-x)) ** 2)
            1e-3 * .5 + 2.        | ((1e-3 * .5) + 2.)
            softmax_cross_entropy(W2 @ relu(W1 @ x), t) | softmax_cross_entropy((W2 @ relu((W1 @ x))), t)
            ((((a))))             | a
            """)
    void followsPythonPrecedenceAndAssociativity(String text, String expected) {
        if (expected.equals("ERROR")) {
            assertThrows(SpecException.class, () -> parse(text));
        } else {
            assertEquals(expected, structure(text));
        }
    }

    @Test
    void numbersKeepTheirTextAndValue() {
        Expression.Number number = assertInstanceOf(Expression.Number.class, parse("1e-3"));
        assertEquals(0.001, number.value());
        assertEquals("1e-3", number.text());
        Expression.Power power = assertInstanceOf(Expression.Power.class, parse("x ** - 1.5"));
        assertEquals(-1.5, power.exponent());
        assertEquals("-1.5", power.text());
    }

    @Test
    void nodesAreLocatedAtTheirOperatorOrFirstToken() {
        // columns: e at 6 in "  e: a + relu(-b) * c ** 2"
        Expression.Binary sum = assertInstanceOf(Expression.Binary.class,
                parse("a + relu(-b) * c ** 2"));
        assertEquals(new SourceLocation("net.yaml", 9, 8, "graph.e"), sum.location());
        assertEquals(6, sum.left().location().column());
        Expression.Binary product = assertInstanceOf(Expression.Binary.class, sum.right());
        assertEquals(19, product.location().column());
        Expression.Call call = assertInstanceOf(Expression.Call.class, product.left());
        assertEquals(Function.RELU, call.function());
        assertEquals(10, call.location().column());
        assertEquals(15, call.arguments().get(0).location().column());
        assertEquals(16, ((Expression.Negate) call.arguments().get(0)).operand()
                .location().column());
        Expression.Power power = assertInstanceOf(Expression.Power.class, product.right());
        assertEquals(23, power.location().column());
        assertEquals(21, power.base().location().column());
    }

    @Test
    void withoutAnExactMappingEveryNodeIsAtTheScalarStart() {
        Expression expression = ExpressionParser.parse(
                new ExpressionSource("a +\nb", "net.yaml", 4, 6, "graph.e", false));
        assertEquals(6, expression.location().column());
        SpecException error = assertThrows(SpecException.class, () -> ExpressionParser.parse(
                new ExpressionSource("a +\n* b", "net.yaml", 4, 6, "graph.e", false)));
        assertEquals("net.yaml:4:6: graph.e: expected an expression after '+', got '*'",
                error.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            c *                  | net.yaml:9:9: graph.e: expected an expression after '*'
            c * )                | net.yaml:9:10: graph.e: expected an expression after '*', got ')'
            ")"                  | net.yaml:9:6: graph.e: expected an expression, got ')'
            "   "                | net.yaml:9:6: graph.e: empty expression (expected something such as 'a + b')
            (a + b               | net.yaml:9:6: graph.e: unclosed '(' (expected ')' before the end of the expression)
            (a b)                | net.yaml:9:9: graph.e: expected ')' or an operator, got 'b'
            a + b)               | net.yaml:9:11: graph.e: unmatched ')'
            a b                  | net.yaml:9:8: graph.e: expected an operator or the end of the expression, got 'b'
            "a, b"               | net.yaml:9:7: graph.e: unexpected ',' (commas separate the arguments of a call such as mse(y, t))
            a $ b                | net.yaml:9:8: graph.e: unexpected character '$'
            a ^ 2                | net.yaml:9:8: graph.e: unexpected character '^'
            a é b                | net.yaml:9:8: graph.e: unexpected character 'é'
            2x                   | net.yaml:9:6: graph.e: invalid number '2x'
            1.2.3                | net.yaml:9:6: graph.e: invalid number '1.2.3'
            1e999                | net.yaml:9:6: graph.e: number '1e999' is too large
            "relu(a, b)"         | net.yaml:9:6: graph.e: 'relu' takes 1 argument, got 2
            mse(y)               | net.yaml:9:6: graph.e: 'mse' takes 2 arguments, got 1
            sum()                | net.yaml:9:6: graph.e: 'sum' takes 1 argument, got 0
            "mse(y,)"            | net.yaml:9:12: graph.e: expected an expression after ',', got ')'
            "mse(y t)"           | net.yaml:9:12: graph.e: expected ',', ')' or an operator, got 't'
            relu(a               | net.yaml:9:10: graph.e: unclosed '(' (expected ')' before the end of the expression)
            rleu(a)              | net.yaml:9:6: graph.e: unknown function 'rleu' (did you mean 'relu'?)
            W(x)                 | net.yaml:9:6: graph.e: unknown function 'W' (expected one of exp, log, sqrt, abs, tanh, sigmoid, relu, softmax, log_softmax, sum, mean, transpose, squared_error, mse, softmax_cross_entropy, conv2d, max_pool2d, avg_pool2d, flatten, reshape)
            relu + 1             | net.yaml:9:6: graph.e: 'relu' is a function; call it as relu(...)
            x ** y               | net.yaml:9:11: graph.e: exponent of '**' must be a number literal (such as 2, 0.5 or -1)
            x ** (2)             | net.yaml:9:11: graph.e: exponent of '**' must be a number literal (such as 2, 0.5 or -1)
            x ** -y              | net.yaml:9:11: graph.e: exponent of '**' must be a number literal (such as 2, 0.5 or -1)
            x ** 2 ** 3          | net.yaml:9:11: graph.e: exponent of '**' must be a number literal (such as 2, 0.5 or -1)
            x **                 | net.yaml:9:10: graph.e: expected an expression after '**'
            x ** -               | net.yaml:9:12: graph.e: expected an expression after '-'
            x * * y              | net.yaml:9:10: graph.e: expected an expression after '*', got '*'
            x *** y              | net.yaml:9:10: graph.e: exponent of '**' must be a number literal (such as 2, 0.5 or -1)
            -                    | net.yaml:9:7: graph.e: expected an expression after '-'
            ()                   | net.yaml:9:7: graph.e: expected an expression after '(', got ')'
            """)
    void reportsEverySyntaxErrorInsideTheExpression(String text, String message) {
        assertError(text, message);
    }

    @Test
    void refusesRunawayNestingAndLength() {
        assertError("(".repeat(101) + "a" + ")".repeat(101), "net.yaml:9:106: graph.e:"
                + " expression nested too deeply (more than 100 levels of parentheses, calls"
                + " and signs)");
        assertError("-".repeat(200) + "a", "net.yaml:9:106: graph.e: expression nested too"
                + " deeply (more than 100 levels of parentheses, calls and signs)");
        assertEquals("a", structure("(".repeat(100) + "a" + ")".repeat(100)));
        assertError("a" + " + a".repeat(500), "net.yaml:9:2006: graph.e: expression too"
                + " long: more than 1,000 tokens (split it into several nodes)");
    }
}
