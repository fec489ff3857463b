package dev.chainrule.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named parameter values with their shapes, in order: what a weights file holds, or a snapshot
 * of a network. Values are row-major {@code [out][in]}, as {@link Network#getParameter}.
 *
 * <pre>{@code
 * Weights saved = WeightsJson.read(new File("iris.weights.json"));
 * saved.applyTo(net);                   // checks names and shapes first, then sets them all
 * Weights before = Weights.of(net);     // a copy to compare against or restore later
 * }</pre>
 */
public final class Weights {

    private final String source;
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, double[]> values = new LinkedHashMap<>();
    /** {@code line:column} of each name in the source file, for messages; empty for snapshots. */
    private final Map<String, String> locations = new LinkedHashMap<>();

    Weights(String source) {
        this.source = source;
    }

    /** A copy of every parameter of {@code net}. */
    public static Weights of(Network net) {
        Weights weights = new Weights(net.name());
        for (String name : net.parameterNames()) {
            weights.add(name, net.parameterShape(name), net.getParameter(name), null);
        }
        return weights;
    }

    void add(String name, int[] shape, double[] flat, String location) {
        shapes.put(name, shape.clone());
        values.put(name, flat);
        if (location != null) {
            locations.put(name, location);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * A copy under other names: each name found in {@code rename} takes the name it maps to,
     * or is left out when it maps to {@code null}; other names stay. Positions in the file are
     * kept for messages. (An imported ONNX model's params are known by their ONNX names.)
     */
    public Weights renamed(Map<String, String> rename) {
        Weights out = new Weights(source);
        for (String name : values.keySet()) {
            String to = rename.containsKey(name) ? rename.get(name) : name;
            if (to != null) {
                out.add(to, shapes.get(name), values.get(name), locations.get(name));
            }
        }
        return out;
    }

    /** Where these came from: a file name, or the network's name for a snapshot. */
    public String source() {
        return source;
    }

    /** Parameter names, in file (or network) order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(values.keySet()));
    }

    /** {@code {out, in}} for a nested array, {@code {n}} for a flat one. */
    public int[] shape(String name) {
        return require(name, shapes).clone();
    }

    /** A row-major copy of a parameter's values. */
    public double[] values(String name) {
        return require(name, values).clone();
    }

    /** Name to row-major values (copies), in order. */
    public LinkedHashMap<String, double[]> toMap() {
        LinkedHashMap<String, double[]> map = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            map.put(e.getKey(), e.getValue().clone());
        }
        return map;
    }

    /**
     * Sets every parameter of {@code net}. Nothing is changed unless all fit: every name here
     * must be a parameter of {@code net} with the same shape, and every parameter of {@code net}
     * must be here (a partial file most likely belongs to another network).
     *
     * @throws DataException naming the first problem, at the name's position in the file
     */
    public void applyTo(Network net) {
        String[] names = net.parameterNames();
        int[][] shapes = new int[names.length][];
        for (int p = 0; p < names.length; p++) {
            shapes[p] = net.parameterShape(names[p]);
        }
        checkFits(net.name(), names, shapes);
        checkRange(net.doublePrecision());
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            net.setParameter(e.getKey(), e.getValue());
        }
    }

    /**
     * Checks that these weights are exactly a network's parameters: every name here is one of
     * {@code names} with the matching shape ({@code {out, in}} or {@code {out}}), and none is
     * missing. The compiler checks weights it bakes into a class with this too.
     *
     * @throws DataException naming the first problem, at the name's position in the file
     */
    public void checkFits(String network, String[] names, int[][] shapes) {
        List<String> wanted = new ArrayList<>();
        Collections.addAll(wanted, names);
        for (String name : values.keySet()) {
            int p = wanted.indexOf(name);
            if (p < 0) {
                throw error(name, "unknown parameter '" + name + "' (network '" + network
                        + "' has " + String.join(", ", wanted) + ")");
            }
            if (!java.util.Arrays.equals(this.shapes.get(name), shapes[p])) {
                throw error(name, name + " has shape " + format(this.shapes.get(name))
                        + ", network '" + network + "' expects " + format(shapes[p]));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : wanted) {
            if (!values.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(source + ": missing parameter"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " (network '" + network + "' needs all of " + String.join(", ", wanted)
                    + ")");
        }
    }

    /**
     * For a float network, every value must fit a float: a larger one would become infinity.
     *
     * @throws DataException naming the parameter (at its name's position) and the element
     */
    public void checkRange(boolean doublePrecision) {
        if (doublePrecision) {
            return;
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double[] v = e.getValue();
            for (int k = 0; k < v.length; k++) {
                if (Float.isInfinite((float) v[k])) { // rounds to infinity as a float
                    throw error(e.getKey(), e.getKey() + element(shapes.get(e.getKey()), k)
                            + " is " + v[k] + ", beyond the range of this float network (at"
                            + " most " + Float.MAX_VALUE + " in magnitude)");
                }
            }
        }
    }

    /** {@code [o][i]} or {@code [k]} of flat index {@code k} in {@code shape}. */
    private static String element(int[] shape, int k) {
        return shape.length == 2 ? "[" + k / shape[1] + "][" + k % shape[1] + "]"
                : shape.length == 1 ? "[" + k + "]" : "";
    }

    private <T> T require(String name, Map<String, T> map) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + source);
        }
        return value;
    }

    private DataException error(String name, String message) {
        String location = locations.get(name);
        return new DataException(source + ":" + (location == null ? "" : location + ":") + " "
                + message);
    }

    /** {@code [8][4]} or {@code [8]}. */
    static String format(int[] shape) {
        if (shape.length == 0) {
            return "[] (a number)";
        }
        StringBuilder s = new StringBuilder();
        for (int d : shape) {
            s.append('[').append(d).append(']');
        }
        return s.toString();
    }
}
