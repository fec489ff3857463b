package dev.chainrule.description.graph;

/**
 * One token of an expression: its kind, its text as written and its 0-based offset in the
 * expression text.
 */
record Token(Kind kind, String text, int offset) {

    enum Kind {
        NUMBER, NAME, PLUS, MINUS, STAR, SLASH, AT, POWER, LEFT, RIGHT, COMMA, LEFT_BRACKET,
        RIGHT_BRACKET, EQUALS, END
    }

    boolean is(Kind kind) {
        return this.kind == kind;
    }

    /** {@code '*'}, {@code 'x'}, or {@code the end of the expression}, for "got ..." clauses. */
    String describe() {
        return kind == Kind.END ? "the end of the expression" : "'" + text + "'";
    }
}
