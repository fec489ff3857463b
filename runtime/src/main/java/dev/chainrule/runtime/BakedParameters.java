package dev.chainrule.runtime;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Weights baked into a generated class: string chunks that, joined, are the Base64 of each
 * parameter's values in parameter-spec order, row-major {@code [out][in]}, big-endian, 4 bytes a
 * value ({@link Float#floatToIntBits}) in float precision and 8 ({@link Double#doubleToLongBits})
 * in double.
 */
final class BakedParameters {

    private BakedParameters() {}

    /**
     * Each parameter's values, flat and row-major.
     *
     * @throws IllegalStateException if the chunks are not Base64 of exactly that many values
     */
    static double[][] decode(String name, String[] chunks, ParameterLayout[] layouts,
                             boolean doublePrecision) {
        StringBuilder joined = new StringBuilder();
        for (String chunk : chunks) {
            joined.append(chunk);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(joined.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": baked parameters are not Base64: "
                    + e.getMessage(), e);
        }
        int width = doublePrecision ? 8 : 4;
        long values = 0;
        for (ParameterLayout layout : layouts) {
            values += layout.size();
        }
        if (bytes.length != values * width) {
            throw new IllegalStateException(name + ": baked parameters hold " + bytes.length
                    + " bytes, expected " + values * width + " (" + values + " "
                    + (doublePrecision ? "double" : "float") + " values)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian
        double[][] out = new double[layouts.length][];
        for (int p = 0; p < layouts.length; p++) {
            out[p] = new double[layouts[p].size()];
            for (int k = 0; k < out[p].length; k++) {
                out[p][k] = doublePrecision ? in.getDouble() : in.getFloat();
            }
        }
        return out;
    }
}
