package dev.chainrule.description.graph;

import dev.chainrule.description.Messages;
import dev.chainrule.description.graph.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into {@link Token}s: numbers ({@code 1}, {@code 2.5}, {@code .5},
 * {@code 1e-3}), names ({@code [A-Za-z_][A-Za-z0-9_]*}), the operators {@code + - * / @ **},
 * parentheses and commas. Spaces, tabs and line breaks separate tokens. Anything else is a
 * located error at its column.
 */
final class ExpressionTokenizer {

    /** Bounds the parse tree, so no later recursive pass over it can run out of stack. */
    static final int MAX_TOKENS = 1000;

    private final ExpressionSource source;
    private final String text;
    private int position;

    private ExpressionTokenizer(ExpressionSource source) {
        this.source = source;
        this.text = source.text();
    }

    /** The tokens of the source's text, ending with one {@link Kind#END} token. */
    static List<Token> tokenize(ExpressionSource source) {
        return new ExpressionTokenizer(source).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (position == text.length()) {
                tokens.add(new Token(Kind.END, "", stripEnd()));
                return tokens;
            }
            if (tokens.size() == MAX_TOKENS) {
                throw source.error(position, "expression too long: more than "
                        + Messages.count(MAX_TOKENS) + " tokens (split it into several nodes)");
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = position;
        char c = text.charAt(position);
        if (isDigit(c) || (c == '.' && position + 1 < text.length()
                && isDigit(text.charAt(position + 1)))) {
            return number(start);
        }
        if (isNameStart(c)) {
            while (position < text.length() && isNamePart(text.charAt(position))) {
                position++;
            }
            return new Token(Kind.NAME, text.substring(start, position), start);
        }
        if (text.startsWith("**", position)) {
            position += 2;
            return new Token(Kind.POWER, "**", start);
        }
        Kind kind = switch (c) {
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.STAR;
            case '/' -> Kind.SLASH;
            case '@' -> Kind.AT;
            case '(' -> Kind.LEFT;
            case ')' -> Kind.RIGHT;
            case ',' -> Kind.COMMA;
            case '[' -> Kind.LEFT_BRACKET;
            case ']' -> Kind.RIGHT_BRACKET;
            case '=' -> Kind.EQUALS;
            default -> throw unexpectedCharacter(start);
        };
        position++;
        return new Token(kind, String.valueOf(c), start);
    }

    /** Digits, an optional fraction and an optional exponent; glued-on letters are an error. */
    private Token number(int start) {
        digits();
        if (position < text.length() && text.charAt(position) == '.') {
            position++;
            digits();
        }
        if (position < text.length() && (text.charAt(position) == 'e'
                || text.charAt(position) == 'E')) {
            int mark = position++;
            if (position < text.length() && (text.charAt(position) == '+'
                    || text.charAt(position) == '-')) {
                position++;
            }
            if (position < text.length() && isDigit(text.charAt(position))) {
                digits();
            } else {
                position = mark;
            }
        }
        if (position < text.length() && (isNamePart(text.charAt(position))
                || text.charAt(position) == '.')) {
            while (position < text.length() && (isNamePart(text.charAt(position))
                    || text.charAt(position) == '.')) {
                position++;
            }
            throw source.error(start, "invalid number " + Messages.quote(
                    text.substring(start, position)));
        }
        String number = text.substring(start, position);
        if (Double.isInfinite(Double.parseDouble(number))) {
            throw source.error(start, "number " + Messages.quote(number) + " is too large");
        }
        return new Token(Kind.NUMBER, number, start);
    }

    private void digits() {
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
    }

    private RuntimeException unexpectedCharacter(int at) {
        String character = new String(Character.toChars(text.codePointAt(at)));
        return source.error(at, "unexpected character " + Messages.quote(character));
    }

    private void skipSpace() {
        while (position < text.length() && isSpace(text.charAt(position))) {
            position++;
        }
    }

    /** Offset just after the last non-space character: where "the end" is shown. */
    private int stripEnd() {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
