package dev.chainrule.runtime;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Saves and loads a network's parameters as JSON, with no library:
 *
 * <pre>{@code
 * {
 *   "layer1.weight": [
 *     [0.12, -0.5, 0.33],
 *     [0.7, 0.01, -0.2]
 *   ],
 *   "layer1.bias": [0.0, 0.1]
 * }
 * }</pre>
 *
 * Weights are nested {@code [out][in]}, one row per line; biases are flat; a param of rank 3 or
 * 4 (a conv layer's {@code [K][C][kh][kw]}) nests to its rank, its last dimension a line. Usage:
 *
 * <pre>{@code
 * WeightsJson.write(net, new File("iris.weights.json"));
 * WeightsJson.read(new File("iris.weights.json")).applyTo(otherNet);
 * }</pre>
 *
 * <p>Numbers round-trip exactly. A double network's values are written with
 * {@link Double#toString(double)}. A float network's values are written with
 * {@link Float#toString(float)}, so files stay short ({@code 0.1}, not
 * {@code 0.10000000149011612}) and still exact: reading the text as a double and rounding that to
 * float gives back the same float, bit for bit. Both are checked as they are written; a value
 * that would not come back (no known JDK produces one) is written in full instead.
 */
public final class WeightsJson {

    private WeightsJson() {
    }

    /**
     * Writes every parameter of {@code net}, in {@link Network#parameterNames()} order.
     *
     * @throws IllegalArgumentException before writing anything, if a value is NaN or infinite
     *     (JSON has neither; typically training diverged)
     */
    public static void write(Network net, Writer out) throws IOException {
        boolean floats = !net.doublePrecision();
        String[] names = net.parameterNames();
        // Everything is read and checked first, so a bad value leaves nothing half written.
        double[][] values = new double[names.length][];
        int[][] shapes = new int[names.length][];
        for (int p = 0; p < names.length; p++) {
            values[p] = net.getParameter(names[p]);
            shapes[p] = net.parameterShape(names[p]);
            checkFinite(names[p], shapes[p], values[p]);
        }
        StringBuilder s = new StringBuilder("{\n");
        for (int p = 0; p < names.length; p++) {
            int[] shape = shapes[p];
            s.append("  ");
            appendString(s, names[p]);
            s.append(": ");
            if (shape.length == 0) {
                s.append(number(values[p][0], floats));
            } else {
                appendNested(s, values[p], shape, 0, 0, "  ", floats);
            }
            s.append(p + 1 < names.length ? ",\n" : "\n");
        }
        out.write(s.append("}\n").toString());
        out.flush();
    }

    /** Writes the file as UTF-8, replacing it all or nothing (see {@link OutputFile}). */
    public static void write(Network net, File file) throws IOException {
        OutputFile.write(file, toJson(net).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON text {@link #write(Network, Writer)} writes. */
    public static String toJson(Network net) {
        StringWriter out = new StringWriter();
        try {
            write(net, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Reads a weights file; problems are {@link DataException}s with line and column. */
    public static Weights read(File file) {
        Reader reader = DataFiles.openReader(file);
        try {
            return read(reader, DataFiles.displayName(file));
        } finally {
            DataFiles.closeQuietly(reader);
        }
    }

    /**
     * Reads an object of parameters: each a flat array of numbers or a non-empty array of
     * equally long arrays of numbers. {@code name} is shown in messages.
     */
    public static Weights read(Reader reader, String name) {
        JsonReader json = new JsonReader(reader, name);
        if (json.peek() != JsonReader.Kind.OBJECT) {
            throw json.error("expected an object of parameters such as"
                    + " {\"layer1.weight\": [[...]], ...}");
        }
        Weights weights = new Weights(name);
        json.beginObject();
        while (json.hasNext()) {
            int line = json.line();
            int column = json.column();
            String parameter = json.nextName();
            if (weights.has(parameter)) {
                throw json.errorAt(line, column, "duplicate parameter '" + parameter + "'");
            }
            readParameter(json, parameter, weights, line + ":" + column);
        }
        json.endObject();
        json.endDocument();
        return weights;
    }

    private static void readParameter(JsonReader json, String parameter, Weights weights,
                                      String location) {
        if (json.peek() == JsonReader.Kind.NUMBER) { // a scalar parameter of a graph
            weights.add(parameter, new int[0], new double[] {json.nextDouble()}, location);
            return;
        }
        if (json.peek() != JsonReader.Kind.ARRAY) {
            throw json.error("expected an array of numbers for '" + parameter + "'");
        }
        DoubleList flat = new DoubleList();
        java.util.List<Integer> shape = new java.util.ArrayList<Integer>();
        readNested(json, parameter, flat, shape, 0, "");
        int[] dims = new int[shape.size()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = shape.get(k);
        }
        weights.add(parameter, dims, flat.toArray(), location);
    }

    /**
     * One array at nesting depth {@code depth} (at {@code path}, like {@code [1]} or
     * {@code [0][2]}): numbers when it is the deepest, else arrays; the first array at each depth
     * sets that dimension's length, and every later one must match.
     */
    private static void readNested(JsonReader json, String parameter, DoubleList flat,
                                   java.util.List<Integer> shape, int depth, String path) {
        int line = json.line();
        int column = json.column();
        json.beginArray();
        boolean first = shape.size() == depth;
        boolean nested = first ? json.hasNext() && json.peek() == JsonReader.Kind.ARRAY
                : depth + 1 < shape.size();
        if (first) {
            shape.add(-1);
        }
        int length = 0;
        while (json.hasNext()) {
            if (nested) {
                if (json.peek() != JsonReader.Kind.ARRAY) {
                    throw json.error("expected " + row(path + "[" + length + "]") + " of '"
                            + parameter + "' (an array of " + (depth + 2 < shape.size()
                            ? "arrays)" : "numbers)"));
                }
                readNested(json, parameter, flat, shape, depth + 1, path + "[" + length + "]");
            } else {
                flat.add(number(json, parameter));
            }
            length++;
        }
        json.endArray();
        if (shape.get(depth) < 0) {
            shape.set(depth, length);
        } else if (shape.get(depth) != length) {
            String firstPath = path.substring(0, path.lastIndexOf('[')) + "[0]";
            throw json.errorAt(line, column, row(path) + " of '" + parameter + "' has " + length
                    + (nested ? " arrays" : " values") + ", expected " + shape.get(depth)
                    + " like " + row(firstPath));
        }
    }

    /** {@code row 1} for a matrix's row, {@code row [0][1]} deeper. */
    private static String row(String path) {
        return path.indexOf('[', 1) < 0 ? "row " + path.substring(1, path.length() - 1)
                : "row " + path;
    }

    private static double number(JsonReader json, String parameter) {
        if (json.peek() != JsonReader.Kind.NUMBER) {
            throw json.error("expected a number in '" + parameter + "'");
        }
        return json.nextDouble();
    }

    private static void checkFinite(String name, int[] shape, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (Double.isNaN(values[k]) || Double.isInfinite(values[k])) {
                String index = "";
                for (int d = shape.length - 1, rest = k; d >= 0; d--) {
                    index = "[" + rest % shape[d] + "]" + index;
                    rest /= shape[d];
                }
                throw new IllegalArgumentException("cannot write " + name + index + " = "
                        + values[k] + ": JSON has no NaN or infinity (did training diverge?)");
            }
        }
    }

    /**
     * Dimension {@code d} of a value whose elements from {@code from} on are written: the last
     * dimension as one row on a line, the others as arrays of those, indented.
     */
    private static void appendNested(StringBuilder s, double[] values, int[] shape, int d,
                                     int from, String indent, boolean floats) {
        if (d == shape.length - 1) {
            appendRow(s, values, from, shape[d], floats);
            return;
        }
        int stride = 1;
        for (int k = d + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        s.append("[\n");
        for (int o = 0; o < shape[d]; o++) {
            s.append(indent).append("  ");
            appendNested(s, values, shape, d + 1, from + o * stride, indent + "  ", floats);
            s.append(o + 1 < shape[d] ? ",\n" : "\n");
        }
        s.append(indent).append(']');
    }

    private static void appendRow(StringBuilder s, double[] values, int from, int count,
                                  boolean floats) {
        s.append('[');
        for (int k = from; k < from + count; k++) {
            if (k > from) {
                s.append(", ");
            }
            s.append(number(values[k], floats));
        }
        s.append(']');
    }

    /** The shortest text that reads back exactly; see the class comment. */
    static String number(double value, boolean floatPrecision) {
        if (floatPrecision) {
            float f = (float) value;
            String text = Float.toString(f);
            if (Float.floatToRawIntBits((float) Double.parseDouble(text))
                    == Float.floatToRawIntBits(f)) {
                return text;
            }
            value = f;
        }
        String text = Double.toString(value);
        if (Double.doubleToRawLongBits(Double.parseDouble(text))
                == Double.doubleToRawLongBits(value)) {
            return text;
        }
        return new BigDecimal(value).toString(); // the exact binary value: always reads back
    }

    private static void appendString(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        s.append('"');
    }

    /** A growable double[], to collect a parameter's values without boxing. */
    private static final class DoubleList {
        double[] values = new double[64];
        int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = value;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
