package dev.chainrule.cli;

/** What {@code Numbers.readable} ({@code %.6g}) prints, as a regular expression. */
final class Numbers6g {

    /** A plain decimal or one with an exponent; {@code NumbersTest} checks the digits. */
    static final String PATTERN = "(-?\\d+(\\.\\d+)?(e[-+]\\d{2,3})?|nan|-?inf)";

    private Numbers6g() {
    }
}
