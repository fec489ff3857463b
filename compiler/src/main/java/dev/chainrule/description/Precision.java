package dev.chainrule.description;

import java.util.Optional;

/**
 * Floating-point type of a generated trainer's parameters and arithmetic.
 *
 * <p>Written {@code precision: float} (the default) or {@code precision: double}; the spelling is
 * also the Java primitive type name.
 */
public enum Precision {
    FLOAT("float"),
    DOUBLE("double");

    private final String spelling;

    Precision(String spelling) {
        this.spelling = spelling;
    }

    /** How this precision is written in a description, and its Java primitive type. */
    public String spelling() {
        return spelling;
    }

    /** The precision written {@code spelling}, if any (exact, case-sensitive match). */
    public static Optional<Precision> fromSpelling(String spelling) {
        return Spellings.find(values(), Precision::spelling, spelling);
    }
}
