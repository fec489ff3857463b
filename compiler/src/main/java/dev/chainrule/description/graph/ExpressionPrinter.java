package dev.chainrule.description.graph;

import java.util.stream.Collectors;

/**
 * Writes an expression back as text with every operation in parentheses, so its structure
 * shows: {@code -x ** 2 + a * b} prints as {@code ((-(x ** 2)) + (a * b))}. For tests, dumps
 * and messages; numbers print as written.
 */
public final class ExpressionPrinter {

    private ExpressionPrinter() {}

    public static String print(Expression expression) {
        if (expression instanceof Expression.Number number) {
            return number.text();
        }
        if (expression instanceof Expression.Name name) {
            return name.name();
        }
        if (expression instanceof Expression.Negate negate) {
            return "(-" + print(negate.operand()) + ")";
        }
        if (expression instanceof Expression.Binary binary) {
            return "(" + print(binary.left()) + " " + binary.operator().symbol() + " "
                    + print(binary.right()) + ")";
        }
        if (expression instanceof Expression.Power power) {
            return "(" + print(power.base()) + " ** " + power.text() + ")";
        }
        if (expression instanceof Expression.Sizes sizes) {
            return sizes.items().stream().map(ExpressionPrinter::print)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        Expression.Call call = (Expression.Call) expression;
        java.util.stream.Stream<String> keywords = call.keywords().stream()
                .map(k -> k.name() + "=" + print(k.value()));
        return call.function().spelling() + "(" + java.util.stream.Stream.concat(
                call.arguments().stream().map(ExpressionPrinter::print), keywords)
                .collect(Collectors.joining(", ")) + ")";
    }
}
