package dev.chainrule.description;

import dev.chainrule.description.SpecNode.ScalarNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads typed values out of scalar nodes, or throws a located {@link SpecException}. */
public final class ScalarReader {

    /** Plain decimal; YAML 1.1 would read {@code 010} as octal 8, so leading zeros are refused. */
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");

    private ScalarReader() {}

    /** The text of any scalar but null (so {@code name: 2024} reads as "2024"). */
    public static String text(SpecNode node, String path, String expected) {
        if (node instanceof ScalarNode scalar && scalar.kind() != ScalarNode.Kind.NULL) {
            return scalar.text();
        }
        throw SpecException.at(node.position(), path,
                "expected " + expected + ", got " + Messages.describe(node));
    }

    /** An integer written in decimal that fits in a {@code long}. */
    public static long integer(SpecNode node, String path) {
        if (!(node instanceof ScalarNode scalar) || scalar.kind() != ScalarNode.Kind.INTEGER) {
            throw SpecException.at(node.position(), path,
                    "expected an integer, got " + Messages.describe(node));
        }
        if (!DECIMAL_INTEGER.matcher(scalar.text()).matches()) {
            throw SpecException.at(node.position(), path, "write integers in plain decimal"
                    + " without leading zeros, got " + Messages.escape(scalar.text()));
        }
        BigInteger value = scalar.integer();
        if (value.bitLength() > 63) {
            throw SpecException.at(node.position(), path,
                    "integer out of range, got " + Messages.escape(scalar.text()));
        }
        return value.longValue();
    }

    /** An integer in {@code [min, Integer.MAX_VALUE]}. */
    public static int intAtLeast(SpecNode node, String path, int min) {
        long value = integer(node, path);
        if (value < min) {
            throw SpecException.at(node.position(), path,
                    "must be at least " + min + ", got " + value);
        }
        if (value > Integer.MAX_VALUE) {
            throw SpecException.at(node.position(), path,
                    "must be at most " + Messages.count(Integer.MAX_VALUE) + ", got " + value);
        }
        return (int) value;
    }

    /** A number, integer or not; may be infinite or NaN (YAML {@code .inf}, {@code .nan}). */
    public static double number(SpecNode node, String path) {
        if (node instanceof ScalarNode scalar) {
            switch (scalar.kind()) {
                case INTEGER:
                    return scalar.integer().doubleValue();
                case DECIMAL:
                    return scalar.decimal();
                default:
                    break;
            }
        }
        throw SpecException.at(node.position(), path,
                "expected a number, got " + Messages.describe(node));
    }

    /** A finite number. */
    public static double finiteNumber(SpecNode node, String path) {
        double value = number(node, path);
        if (!Double.isFinite(value)) {
            throw SpecException.at(node.position(), path, "expected a finite number, got "
                    + Messages.describe(node));
        }
        return value;
    }

    /**
     * A finite number that also fits {@code precision}: for float, at most
     * {@link Float#MAX_VALUE} in magnitude once rounded to float (a larger one would become
     * infinity in the class).
     */
    public static double numberIn(SpecNode node, String path, Precision precision) {
        double value = finiteNumber(node, path);
        if (precision == Precision.FLOAT && Float.isInfinite((float) value)) {
            throw SpecException.at(node.position(), path, Messages.describe(node) + " is beyond"
                    + " the range of float precision (at most " + Float.MAX_VALUE + " in"
                    + " magnitude); use precision: double or a smaller value");
        }
        return value;
    }

    public static boolean bool(SpecNode node, String path) {
        if (node instanceof ScalarNode scalar) {
            if (scalar.kind() == ScalarNode.Kind.TRUE) {
                return true;
            }
            if (scalar.kind() == ScalarNode.Kind.FALSE) {
                return false;
            }
        }
        throw SpecException.at(node.position(), path,
                "expected true or false, got " + Messages.describe(node));
    }

    /**
     * One of {@code values}, by its spelling; otherwise an error listing them and suggesting
     * the closest: {@code unknown activation 'rleu' (expected one of ...; did you mean 'relu'?)}.
     */
    public static <E> E choice(SpecNode node, String path, String what, E[] values,
            Function<E, String> spelling) {
        List<String> spellings = new ArrayList<>();
        for (E value : values) {
            spellings.add(spelling.apply(value));
        }
        String text = text(node, path, "one of " + Messages.list(spellings));
        Optional<E> value = Spellings.find(values, spelling, text);
        if (value.isPresent()) {
            return value.get();
        }
        Optional<String> suggestion = Suggestions.closest(text, spellings);
        throw SpecException.at(node.position(), path, "unknown " + what + " "
                + Messages.quote(text) + " (expected one of " + Messages.list(spellings)
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse("") + ")");
    }
}
