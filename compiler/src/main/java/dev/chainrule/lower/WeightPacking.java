package dev.chainrule.lower;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Shape;
import dev.chainrule.ir.Value;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.Precision;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
 * List<String> chunks = WeightPacking.pack(spec, optimized, weights.toMap());
 * }</pre>
 */
public final class WeightPacking {

    /** Characters per chunk: a multiple of 4, so each chunk is whole Base64 quanta. */
    public static final int CHUNK_CHARS = 60_000;

    private WeightPacking() {}

    /**
     * @param graph the graph the class was lowered from: its parameters, in order, with shapes
     * @param values parameter name to row-major values, exactly one entry per parameter
     * @throws IllegalArgumentException naming the first unknown, missing or wrongly sized
     *     parameter
     */
    public static List<String> pack(NetworkSpec spec, Graph graph, Map<String, double[]> values) {
        List<String> names = graph.parameters().stream().map(p -> p.op().parameter()).toList();
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (network '"
                        + spec.name() + "' has " + String.join(", ", names) + ")");
            }
        }
        boolean doublePrecision = spec.precision() == Precision.DOUBLE;
        long count = 0;
        for (Value p : graph.parameters()) {
            count += check(spec, p, values.get(p.op().parameter())).length;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(count * (doublePrecision ? 8 : 4)));
        for (Value p : graph.parameters()) {
            for (double v : values.get(p.op().parameter())) {
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

    private static double[] check(NetworkSpec spec, Value parameter, double[] flat) {
        String name = parameter.op().parameter();
        Shape shape = parameter.shape();
        int size = shape.isMatrix() ? shape.rows() * shape.cols() : shape.rows();
        String dims = shape.isMatrix() ? "[" + shape.rows() + "][" + shape.cols() + "]"
                : "[" + shape.rows() + "]";
        if (flat == null) {
            throw new IllegalArgumentException("missing parameter '" + name + "' (network '"
                    + spec.name() + "' needs " + dims + ")");
        }
        if (flat.length != size) {
            throw new IllegalArgumentException(name + " has " + flat.length + " values, network '"
                    + spec.name() + "' expects " + dims + " = " + size);
        }
        return flat;
    }
}
