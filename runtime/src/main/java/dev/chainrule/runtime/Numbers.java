package dev.chainrule.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as people read them, the same on every line: {@link #readable} is C's and Python's
 * {@code %.6g} without trailing zeros ({@code 0.123457}, {@code 50}, {@code 1.5e-07},
 * {@code 3.2e+115}), {@link #exact} the shortest text that reads back to the same value, never
 * in E notation; both spell {@code nan}, {@code inf} and {@code -inf}.
 */
public final class Numbers {

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    /** Six significant digits, trailing zeros dropped: {@code %.6g}. */
    public static String readable(double value) {
        if (!isFinite(value)) {
            return special(value);
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SIX_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return strip(rounded.toPlainString());
        }
        String digits = strip(rounded.movePointLeft(exponent).toPlainString());
        return digits + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }

    /**
     * The shortest decimal that reads back to {@code value} in the given precision (as
     * {@link Double#toString} or {@link Float#toString}), written out without an exponent.
     */
    public static String exact(double value, boolean doublePrecision) {
        if (!isFinite(value)) {
            return special(value);
        }
        String shortest = doublePrecision ? Double.toString(value)
                : Float.toString((float) value);
        return strip(new BigDecimal(shortest).toPlainString());
    }

    private static boolean isFinite(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }

    private static String special(double value) {
        return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }

    /** {@code 0.500} → {@code 0.5}, {@code 50.0} → {@code 50}; integers keep their zeros. */
    private static String strip(String plain) {
        if (plain.indexOf('.') < 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        return plain.substring(0, end);
    }
}
