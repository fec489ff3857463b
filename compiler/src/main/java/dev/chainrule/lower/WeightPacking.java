package dev.chainrule.lower;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Value;
import dev.chainrule.runtime.Weights;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.Precision;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Packs trained weights into string constants for a generated class to decode once, in its
 * constructor ({@code GeneratedNetwork.unpackParameters}): an array initializer would cost about
 * 7 bytes of bytecode per value and hit the 64 KB method limit near 9,000 values.
 *
 * <p>The format: every parameter in the graph's parameter order (the order of the class's
 * parameter spec), row-major {@code [out][in]}, each value big-endian in the network's precision
 * (4 bytes for float, rounded as {@code setParameter} rounds, 8 for double); Base64 of all of
 * it, cut into chunks of at most {@value #CHUNK_CHARS} characters, since a class-file string
 * constant holds at most 65,535 bytes.
 *
 * <pre>{@code
 * List<String> chunks = WeightPacking.pack(spec, optimized, weights);
 * }</pre>
 */
public final class WeightPacking {

    /** Characters per chunk: a multiple of 4, so each chunk is whole Base64 quanta. */
    public static final int CHUNK_CHARS = 60_000;

    private WeightPacking() {}

    /**
     * @param graph the graph the class was lowered from: its parameters, in order
     * @param values every parameter's values, already checked against the network
     *     ({@code Weights.checkFits})
     */
    public static List<String> pack(NetworkSpec spec, Graph graph, Weights values) {
        boolean doublePrecision = spec.precision() == Precision.DOUBLE;
        long count = 0;
        for (Value p : graph.parameters()) {
            count += values.values(p.op().parameter()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(count * (doublePrecision ? 8 : 4)));
        for (Value p : graph.parameters()) {
            for (double v : values.values(p.op().parameter())) {
                if (doublePrecision) {
                    out.putDouble(v);
                } else {
                    out.putFloat((float) v);
                }
            }
        }
        String text = Base64.getEncoder().encodeToString(out.array());
        List<String> chunks = new ArrayList<>();
        for (int from = 0; from < text.length(); from += CHUNK_CHARS) {
            chunks.add(text.substring(from, Math.min(text.length(), from + CHUNK_CHARS)));
        }
        return chunks;
    }

    /** A header line for a class with {@code chunks} baked in: value count and a checksum. */
    public static String describe(List<String> chunks, boolean doublePrecision) {
        byte[] bytes = Base64.getDecoder().decode(String.join("", chunks));
        try {
            String sha256 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes));
            return "Baked weights: " + bytes.length / (doublePrecision ? 8 : 4) + " "
                    + (doublePrecision ? "double" : "float") + " values, sha256 " + sha256;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
