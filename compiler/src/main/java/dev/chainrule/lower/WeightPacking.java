package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.runtime.Weights;
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
 * constant holds at most 65,535 bytes. Row-major even for a param the class keeps by columns
 * ({@code in_out} in its parameter spec): the runtime's unpacking stores each value where the
 * spec says, as {@code setParameter} does, so the packing needs no layout of its own.
 *
 * <pre>{@code
 * List<String> chunks = WeightPacking.pack(optimized, weights);
 * }</pre>
 */
public final class WeightPacking {

    /** Characters per chunk: a multiple of 4, so each chunk is whole Base64 quanta. */
    public static final int CHUNK_CHARS = 60_000;

    private WeightPacking() {}

    /**
     * @param graph the graph the class was lowered from: its param leaves, in order, and its
     *     precision
     * @param values every param's values, already checked against the graph
     *     ({@code Weights.checkFits})
     */
    public static List<String> pack(Graph graph, Weights values) {
        boolean doublePrecision = graph.info().doublePrecision();
        List<String> params = new ArrayList<>();
        for (Node p : graph.leaves(Role.PARAM)) {
            params.add(((Leaf) p.op()).name());
        }
        long count = 0;
        for (String p : params) {
            count += values.values(p).length;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(count * (doublePrecision ? 8 : 4)));
        for (String p : params) {
            for (double v : values.values(p)) {
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
