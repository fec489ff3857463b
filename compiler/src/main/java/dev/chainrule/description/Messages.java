package dev.chainrule.description;

import java.util.List;
import java.util.Locale;

/** Small text helpers shared by the validators so every message reads the same way. */
public final class Messages {

    private static final int MAX_QUOTED = 60;

    private Messages() {}

    /** {@code 'text'}, escaped as by {@link #escape}. */
    public static String quote(String text) {
        return "'" + escape(text) + "'";
    }

    /** {@code text} on one line: invisible characters as unicode escapes, cut if long. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (shown++ == MAX_QUOTED) {
                return escaped.append("...").toString();
            }
            int c = text.codePointAt(i);
            if (isVisible(c)) {
                escaped.appendCodePoint(c);
            } else {
                escaped.append(String.format(Locale.ROOT, "\\u%04X", c));
            }
        }
        return escaped.toString();
    }

    private static boolean isVisible(int c) {
        int type = Character.getType(c);
        return c == ' ' || !(Character.isWhitespace(c) || Character.isISOControl(c)
                || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SPACE_SEPARATOR);
    }

    /** {@code 65,536}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 row}, {@code 2 rows}. */
    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code a, b, c}. */
    public static String list(List<String> items) {
        return String.join(", ", items);
    }

    /** What a node is, for "got ..." clauses: {@code a list}, {@code string 'x'}, {@code 2.5}. */
    public static String describe(SpecNode node) {
        if (node instanceof SpecNode.MapNode) {
            return "a mapping";
        }
        if (node instanceof SpecNode.ListNode) {
            return "a list";
        }
        SpecNode.ScalarNode scalar = (SpecNode.ScalarNode) node;
        return switch (scalar.kind()) {
            case STRING -> scalar.text().isEmpty()
                    ? "an empty string"
                    : "string " + quote(scalar.text());
            case INTEGER, DECIMAL -> escape(scalar.text());
            case TRUE, FALSE -> "boolean " + escape(scalar.text());
            case NULL -> "an empty value";
        };
    }

    /** Path of {@code key} inside the mapping at {@code parent}: {@code training.seed}. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Path of item {@code index} (0-based) of the list at {@code parent}: {@code layers[0]}. */
    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * {@code unknown key 'lerning_rate' in training (did you mean 'learning_rate'?)}, or, with no
     * close match, {@code (... expected one of 'a', 'b')}: {@code otherwise} and the names.
     */
    public static String unknown(String what, String key, String path, List<String> known,
                          String otherwise) {
        return "unknown " + what + " " + quote(key) + " " + where(path) + " ("
                + Suggestions.closest(key, known).map(s -> "did you mean '" + s + "'?")
                        .orElse(otherwise + " " + list(known))
                + ")";
    }

    /** {@code at top level} or {@code in training}, for messages about keys. */
    public static String where(String path) {
        return path.isEmpty() ? "at top level" : "in " + path;
    }
}
