package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnpackParametersTest {

    /** Base64 of {@code values} as big-endian floats or doubles, like the compiler packs them. */
    static String pack(boolean doublePrecision, double... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * (doublePrecision ? 8 : 4));
        for (double v : values) {
            if (doublePrecision) {
                out.putDouble(v);
            } else {
                out.putFloat((float) v);
            }
        }
        return Base64.getEncoder().encodeToString(out.array());
    }

    @ParameterizedTest
    @ValueSource(strings = {"out_in", "in_out"})
    void setsEveryParameterRowMajorInParameterOrder(String layout) {
        TinyNet net = new TinyNet(3, 2, layout, true, false, "zeros");
        String packed = pack(true, 1, 2, 3, 4, 5, 6, 0.5, -0.5);
        // Chunk boundaries need not fall on value or Base64 quantum boundaries.
        net.unpackParameters(new String[] {packed.substring(0, 7), packed.substring(7, 30),
            packed.substring(30)});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, net.getParameter("fc.weight"));
        assertArrayEquals(new double[] {0.5, -0.5}, net.getParameter("fc.bias"));
    }

    @Test
    void floatValuesRoundTripBitForBit() {
        TinyNet net = new TinyNet(2, 1, "in_out", false, false, "zeros");
        float[] values = {Float.MIN_VALUE, -0.0f, 0.1f};
        String packed = pack(false, values[0], values[1], values[2]);
        net.unpackParameters(new String[] {packed});
        double[] weight = net.getParameter("fc.weight");
        double[] bias = net.getParameter("fc.bias");
        double[] all = {weight[0], weight[1], bias[0]};
        for (int k = 0; k < all.length; k++) {
            assertEquals(Float.floatToRawIntBits(values[k]),
                    Float.floatToRawIntBits((float) all[k]));
        }
    }

    @Test
    void rejectsTheWrongNumberOfValues() {
        TinyNet net = new TinyNet(2, 1, "out_in", false, false, "zeros");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.unpackParameters(new String[] {pack(false, 1, 2)}));
        assertEquals("tiny: baked parameters hold 8 bytes, expected 12 (3 float values)",
                e.getMessage());
        assertArrayEquals(new double[] {0, 0}, net.getParameter("fc.weight"));
    }

    @Test
    void rejectsWhatIsNotBase64() {
        TinyNet net = new TinyNet();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.unpackParameters(new String[] {"not base64!"}));
        assertEquals(true, e.getMessage().startsWith("tiny: baked parameters are not Base64: "),
                e.getMessage());
    }
}
