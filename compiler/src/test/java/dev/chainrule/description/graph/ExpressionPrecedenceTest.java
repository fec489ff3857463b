package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.description.SpecException;
import dev.chainrule.description.graph.Expression.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random expression trees, written with as few parentheses as Python's precedence allows, parse
 * back to the same tree; damaged ones parse or fail inside the expression. The writer here is
 * independent of the parser: it knows only the precedence table (sum < product < sign < power <
 * primary; left-associative). The counts of damaged cases parsed and rejected are printed.
 */
class ExpressionPrecedenceTest {

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int SIGNED = 3;
    private static final int PRIMARY = 5;

    /** Characters that damage an expression: its own alphabet, and a few strangers. */
    private static final String DAMAGE = "()+-*/@,.e1 x_$\u00e9\t";

    private static final AtomicInteger[] DAMAGED = {new AtomicInteger(), new AtomicInteger()};

    /** An expression written minimally ({@code text}) and fully parenthesized. */
    private record Written(String text, String structure, int level) {}

    @Property(tries = 10_000)
    void minimallyParenthesizedTreesParseBack(@ForAll("trees") Written tree) {
        assertEquals(tree.structure(), ExpressionPrinter.print(ExpressionParser.parse(
                new ExpressionSource(tree.text(), "net.yaml", 1, 1, "graph.e", true))),
                tree.text());
    }

    /**
     * Near misses of valid expressions (one to three characters deleted, inserted or replaced)
     * either parse, and print back to an expression that parses to the same tree, or fail with
     * a located message whose column lies inside the expression.
     */
    @Property(tries = 10_000)
    void damagedTreesParseOrFailInsideTheExpression(@ForAll("damagedTrees") String text) {
        ExpressionSource source = new ExpressionSource(text, "net.yaml", 9, 6, "graph.e", true);
        try {
            String printed = ExpressionPrinter.print(ExpressionParser.parse(source));
            assertEquals(printed, ExpressionPrinter.print(ExpressionParser.parse(
                    new ExpressionSource(printed, "net.yaml", 1, 1, "graph.e", true))), text);
            DAMAGED[0].incrementAndGet();
        } catch (SpecException e) {
            DAMAGED[1].incrementAndGet();
            GraphInvariants.checkError(e, "net.yaml");
            assertTrue(e.line() == 9 && e.column() >= 6 && e.column() <= 6 + text.length(),
                    e.getMessage());
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("ExpressionPrecedenceTest: damaged expressions %d parsed + %d"
                + " rejected%n", DAMAGED[0].get(), DAMAGED[1].get());
    }

    @Provide
    Arbitrary<Written> trees() {
        return Arbitraries.randomValue(random -> tree(random, 1 + random.nextInt(5)));
    }

    @Provide
    Arbitrary<String> damagedTrees() {
        return Arbitraries.randomValue(random -> {
            StringBuilder text = new StringBuilder(tree(random, 1 + random.nextInt(4)).text());
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length() + 1);
                char c = DAMAGE.charAt(random.nextInt(DAMAGE.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.delete(at, Math.min(at + 1, text.length()));
                    default -> text.replace(at, Math.min(at + 1, text.length()), String.valueOf(c));
                }
            }
            return text.toString();
        });
    }

    private static Written tree(Random random, int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(8);
        switch (choice) {
            case 0 -> {
                String number = pick(random, "1", "2.5", "1e-3", ".5", "10", "0.25");
                return new Written(number, number, PRIMARY);
            }
            case 1 -> {
                String name = pick(random, "a", "b", "W1", "x_2", "_h", "class");
                return new Written(name, name, PRIMARY);
            }
            case 2, 3 -> {
                int level = random.nextBoolean() ? SUM : PRODUCT;
                String op = level == SUM ? pick(random, "+", "-") : pick(random, "*", "/", "@");
                Written left = tree(random, depth - 1);
                Written right = tree(random, depth - 1);
                String text = wrap(left, left.level() < level) + " " + op + " "
                        + wrap(right, right.level() <= level);
                return new Written(text, "(" + left.structure() + " " + op + " "
                        + right.structure() + ")", level);
            }
            case 4 -> {
                Written operand = tree(random, depth - 1);
                boolean plus = random.nextInt(4) == 0;
                String text = (plus ? "+" : "-") + wrap(operand, operand.level() < SIGNED);
                return new Written(text, plus ? operand.structure()
                        : "(-" + operand.structure() + ")", SIGNED);
            }
            case 5 -> {
                Written base = tree(random, depth - 1);
                String exponent = pick(random, "2", "3", "0.5", "-1.5", "-1", "1e-1");
                String text = wrap(base, base.level() < PRIMARY) + " ** " + exponent;
                return new Written(text, "(" + base.structure() + " ** " + exponent + ")",
                        SIGNED + 1);
            }
            default -> {
                Function function = Function.values()[random.nextInt(Function.values().length)];
                List<String> texts = new ArrayList<>();
                List<String> structures = new ArrayList<>();
                for (int i = 0; i < function.minArity(); i++) {
                    Written argument = tree(random, depth - 1);
                    texts.add(argument.text());
                    structures.add(argument.structure());
                }
                return new Written(function.spelling() + "(" + String.join(", ", texts) + ")",
                        function.spelling() + "(" + String.join(", ", structures) + ")",
                        PRIMARY);
            }
        }
    }

    private static String wrap(Written written, boolean parenthesize) {
        return parenthesize ? "(" + written.text() + ")" : written.text();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... items) {
        return items[random.nextInt(items.length)];
    }
}
