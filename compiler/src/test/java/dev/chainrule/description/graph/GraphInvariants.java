package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.description.SpecException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every {@link GraphSpec} the validator lets through must satisfy, and what every error
 * must look like. Shared by the fuzz tests.
 */
final class GraphInvariants {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LOCATED =
            Pattern.compile("[^\\n\\r]*?:[1-9][0-9]*:[1-9][0-9]*: .+");

    private GraphInvariants() {}

    /** One line, starting with the file name, with a line and column, naming no library. */
    static void checkError(SpecException error, String file) {
        String message = error.getMessage();
        assertTrue(message.startsWith(file + ":"), message);
        assertTrue(LOCATED.matcher(message).matches(), "not located: " + message);
        assertEquals(file, error.file(), message);
        assertTrue(error.line() >= 1 && error.column() >= 1, message);
        assertFalse(message.chars().anyMatch(Character::isISOControl), message);
        assertFalse(message.matches(".*(jackson|snakeyaml|Exception|\\bcom\\.|\\borg\\.).*"),
                message);
    }

    /** Names are identifiers, unique, not functions; expressions use only earlier names. */
    static void checkSpec(GraphSpec spec) {
        Set<String> defined = new HashSet<>();
        for (GraphSpec.Leaf leaf : spec.inputs()) {
            define(defined, leaf.name());
            checkShape(leaf.shape().size(), leaf.shape().stream().allMatch(d -> d > 0));
        }
        for (GraphSpec.Leaf leaf : spec.targets()) {
            define(defined, leaf.name());
            checkShape(leaf.shape().size(), leaf.shape().stream().allMatch(d -> d > 0));
        }
        for (GraphSpec.Param param : spec.params()) {
            define(defined, param.name());
            checkShape(param.shape().size(), param.shape().stream().allMatch(d -> d > 0));
            if (param.init() instanceof GraphSpec.ParamInit.Literal literal) {
                assertEquals(TensorReader.size(param.shape()), literal.values().length);
            }
        }
        assertFalse(spec.nodes().isEmpty());
        for (GraphSpec.Node node : spec.nodes()) {
            checkUses(node.expression(), defined);
            define(defined, node.name());
        }
        assertTrue(defined.contains(spec.output().name()), spec.output().name());
        assertTrue(defined.contains(spec.loss().name()), spec.loss().name());
    }

    private static void define(Set<String> defined, String name) {
        assertTrue(IDENTIFIER.matcher(name).matches(), "not an identifier: " + name);
        assertTrue(ExpressionParser.function(name).isEmpty(), "a function name: " + name);
        assertTrue(defined.add(name), "defined twice: " + name);
    }

    private static void checkShape(int rank, boolean positive) {
        assertTrue(rank <= dev.chainrule.graph.Shape.MAX_RANK && positive);
    }

    private static void checkUses(Expression expression, Set<String> defined) {
        SourceLocation location = expression.location();
        assertTrue(location.line() >= 1 && location.column() >= 1, location.toString());
        if (expression instanceof Expression.Name name) {
            assertTrue(IDENTIFIER.matcher(name.name()).matches(), name.name());
            assertTrue(defined.contains(name.name()), "undefined: " + name.name());
        } else if (expression instanceof Expression.Number number) {
            assertTrue(Double.isFinite(number.value()), number.text());
        } else if (expression instanceof Expression.Negate negate) {
            checkUses(negate.operand(), defined);
        } else if (expression instanceof Expression.Binary binary) {
            checkUses(binary.left(), defined);
            checkUses(binary.right(), defined);
        } else if (expression instanceof Expression.Power power) {
            assertTrue(Double.isFinite(power.exponent()), power.text());
            checkUses(power.base(), defined);
        } else if (expression instanceof Expression.Call call) {
            assertTrue(call.arguments().size() >= call.function().minArity()
                    && call.arguments().size() <= call.function().maxArity(), call.toString());
            call.arguments().forEach(argument -> checkUses(argument, defined));
        }
    }
}
