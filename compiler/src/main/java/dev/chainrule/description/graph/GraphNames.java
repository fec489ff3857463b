package dev.chainrule.description.graph;

import dev.chainrule.description.Limits;
import dev.chainrule.description.Messages;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.SpecPosition;
import dev.chainrule.description.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names of a graph description, in definition order: inputs, targets, params, then nodes.
 * Checks each as it is defined (an identifier, not a function, not taken) and resolves the names
 * an expression uses against those defined before it. Java keywords and names that differ only
 * in case are allowed: the code generator maps names to safe Java identifiers.
 */
final class GraphNames {

    /** ASCII only, so no name can carry look-alike or invisible characters into generated code. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** What defines a name, for messages: "an input", "a node"... */
    enum Kind {
        INPUT("an input"), TARGET("a target"), PARAM("a param"), CONSTANT("a constant"),
        NODE("a node");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }
    }

    private record Definition(Kind kind, SpecPosition position) {}

    private final Map<String, Definition> defined = new LinkedHashMap<>();
    /** Nodes not yet defined, to tell use-before-definition from an unknown name. */
    private final Map<String, SpecPosition> later = new LinkedHashMap<>();

    /**
     * Defines {@code name} at {@code position} (its key), or reports why it cannot be.
     *
     * @param path key path of the definition, such as {@code inputs.a}
     */
    void define(String name, Kind kind, SpecPosition position, String path) {
        String problem = problem(name);
        if (problem != null) {
            throw SpecException.at(position, path, problem);
        }
        Definition first = defined.get(name);
        if (first != null) {
            throw SpecException.at(position, path, "duplicate name " + Messages.quote(name)
                    + " (already " + first.kind().phrase + " at line " + first.position().line()
                    + ")");
        }
        defined.put(name, new Definition(kind, position));
        later.remove(name);
    }

    /** Announces the nodes that will be defined, so an early use can say where they are. */
    void expectNode(String name, SpecPosition position) {
        if (!defined.containsKey(name)) {
            later.putIfAbsent(name, position);
        }
    }

    /** Why {@code name} cannot name a leaf or node, or {@code null} if it can. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "expected a name such as 'x', got an empty string";
        }
        if (Limits.nameLengthProblem(name) != null) {
            return Limits.nameLengthProblem(name);
        }
        if (!NAME.matcher(name).matches()) {
            return Messages.quote(name) + " is not a valid name (expected letters, digits and"
                    + " underscores, not starting with a digit)";
        }
        if (ExpressionParser.function(name).isPresent()) {
            return Messages.quote(name) + " is a function name; choose another name";
        }
        return null;
    }

    boolean isDefined(String name) {
        return defined.containsKey(name);
    }

    /**
     * Checks that every name in {@code expression} is defined; {@code self} is the node being
     * defined.
     */
    void resolve(Expression expression, String self) {
        if (expression instanceof Expression.Name name) {
            resolve(name, self);
        } else if (expression instanceof Expression.Negate negate) {
            resolve(negate.operand(), self);
        } else if (expression instanceof Expression.Binary binary) {
            resolve(binary.left(), self);
            resolve(binary.right(), self);
        } else if (expression instanceof Expression.Power power) {
            resolve(power.base(), self);
        } else if (expression instanceof Expression.Call call) {
            call.arguments().forEach(argument -> resolve(argument, self));
        }
    }

    private void resolve(Expression.Name name, String self) {
        SourceLocation location = name.location();
        String quoted = Messages.quote(name.name());
        if (name.name().equals(self)) {
            throw ExpressionSource.error(location, quoted + " is used in its own definition");
        }
        if (defined.containsKey(name.name())) {
            return;
        }
        SpecPosition definition = later.get(name.name());
        if (definition != null) {
            throw ExpressionSource.error(location, quoted + " is used before its definition"
                    + " at line " + definition.line() + " (a node may use only names defined"
                    + " above it)");
        }
        throw ExpressionSource.error(location, unknown(name.name(),
                "not an input, target, param or earlier node"));
    }

    /**
     * {@code unknown name 'cc' (did you mean 'c'?)}, suggesting only names defined so far;
     * {@code otherwise} is the parenthesis when no name is close.
     */
    String unknown(String name, String otherwise) {
        return "unknown name " + Messages.quote(name) + Suggestions.closest(name, names())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse(" (" + otherwise + ")");
    }

    private List<String> names() {
        return new ArrayList<>(defined.keySet());
    }
}
