package dev.chainrule.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JSON text for numbers and nested lists, numbers in their shortest form that reads back to the
 * same double (as Python's repr: {@code 6.0}, {@code 24.70408163265306}, {@code 1e-05}).
 */
final class JsonText {

    private JsonText() {}

    /**
     * The shortest decimal that parses back to exactly {@code value}; JSON has no NaN or
     * infinities, so those are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "\"NaN\"";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (d.doubleValue() == value) {
                shortest = d;
                break;
            }
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e16) {
            String plain = shortest.stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal unscaled = shortest.stripTrailingZeros();
        int exponent = unscaled.precision() - unscaled.scale() - 1;
        String mantissa = unscaled.movePointLeft(exponent).toPlainString();
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + pad(Math.abs(exponent));
    }

    private static String pad(int e) {
        return e < 10 ? "0" + e : String.valueOf(e);
    }

    /** {@code values} as a number ({@code []}), a list ({@code [n]}) or lists nested to the rank. */
    static String tensor(double[] values, int offset, int[] shape) {
        if (shape.length == 0) {
            return number(values[offset]);
        }
        int[] inner = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        int stride = 1;
        for (int d : inner) {
            stride *= d;
        }
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < shape[0]; k++) {
            s.append(k > 0 ? ", " : "").append(tensor(values, offset + k * stride, inner));
        }
        return s.append(']').toString();
    }

    /** A JSON string literal. */
    static String string(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
