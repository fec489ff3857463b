package dev.chainrule.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base class of every class Chainrule generates from a graph description. It trains like any
 * {@link GeneratedNetwork} (inputs, then targets, flattened row-major in declaration order), and
 * also evaluates every named value with its derivatives:
 *
 * <pre>{@code
 * SeedGraph g = new SeedGraph();                       // generated
 * double[] values = g.evaluateAll(new double[] {2, 1}, new double[0]);
 * double[] adjoints = g.reverseAll();                  // d output / d every name
 * double[] tangents = g.tangentAll(seedOf("b"));       // d every name / d b
 * int[] shape = g.shape("W");  int at = g.offset("W");  // where W sits in those arrays
 * }</pre>
 *
 * <p>Arrays returned by {@link #evaluateAll}, {@link #reverseAll} and {@link #tangentAll} hold
 * every name of {@link #names()} in order, each flattened row-major. A tangent seed holds the
 * leaves (inputs, targets, params) the same way.
 */
public abstract class GeneratedGraph extends GeneratedNetwork {

    private final String output;
    private final String loss;
    /** False for a layer description's class: no reverse or tangent pass over every name. */
    private final boolean derivatives;
    private final String[] names;
    private final String[] roles;
    private final int[][] shapes;
    private final Map<String, Integer> index = new LinkedHashMap<String, Integer>();
    private final int[] offsets;
    private final int total;
    private final int leafTotal;
    private final int targetTotal;

    /**
     * @param parameters the layouts of the params, as GeneratedNetwork's
     * @param graphLayout {@code output;loss;passes;role name dims;...} with passes
     *     {@code derivatives} or {@code values}, roles input, target, param and node, and dims
     *     empty for a scalar, {@code n} or {@code rxc}
     */
    protected GeneratedGraph(String name, int inputSize, int outputSize, boolean doublePrecision,
                             boolean classifier, ParameterLayout[] parameters, String graphLayout) {
        super(name, inputSize, outputSize, doublePrecision, classifier, parameters);
        String[] entries = graphLayout.split(";", -1);
        output = entries[0];
        loss = entries[1];
        derivatives = entries[2].equals("derivatives");
        int n = entries.length - 3;
        names = new String[n];
        roles = new String[n];
        shapes = new int[n][];
        offsets = new int[n];
        int at = 0;
        int leaves = 0;
        int targetWidth = 0;
        for (int k = 0; k < n; k++) {
            String[] parts = entries[k + 3].split(" ", -1);
            roles[k] = parts[0];
            names[k] = parts[1];
            shapes[k] = dims(parts[2]);
            offsets[k] = at;
            at += size(shapes[k]);
            if (roles[k].equals("target")) {
                targetWidth += size(shapes[k]);
            }
            if (!roles[k].equals("node")) {
                leaves = at;
            }
            index.put(names[k], k);
        }
        total = at;
        leafTotal = leaves;
        targetTotal = targetWidth;
    }

    /** Every target, flattened: the width of a target row. */
    @Override
    public final int targetSize() {
        return targetTotal;
    }

    private static int[] dims(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split("x");
        int[] dims = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            dims[k] = Integer.parseInt(parts[k]);
        }
        return dims;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Loads inputs {@code x} and targets {@code t} and computes every named value. */
    protected abstract void evaluate(double[] x, double[] t);

    /** After {@link #evaluate}: d output / d every value, by one backward pass. */
    protected abstract void reverse();

    /** After {@link #evaluate}: the tangent of every value, given the leaves' tangents. */
    protected abstract void tangent(double[] seed);

    protected abstract void exportValues(double[] out);

    protected abstract void exportAdjoints(double[] out);

    protected abstract void exportTangents(double[] out);

    /** Every name: inputs, targets, params, then graph nodes, in declaration order. */
    public final String[] names() {
        return names.clone();
    }

    /** {@code input}, {@code target}, {@code param} or {@code node}. */
    public final String role(String name) {
        return roles[at(name)];
    }

    /** The shape of a name: {@code {}} scalar, {@code {n}}, {@code {r, c}}. */
    public final int[] shape(String name) {
        return shapes[at(name)].clone();
    }

    /** Where a name's values start in the arrays this class returns. */
    public final int offset(String name) {
        return offsets[at(name)];
    }

    /** Length of the arrays {@link #evaluateAll} and the derivative passes return. */
    public final int totalSize() {
        return total;
    }

    /** Length of a tangent seed: every input, target and param. */
    public final int leafSize() {
        return leafTotal;
    }

    public final String outputName() {
        return output;
    }

    public final String lossName() {
        return loss;
    }

    /** Evaluates the graph at inputs {@code x} and targets {@code t}; every value, flattened. */
    public final double[] evaluateAll(double[] x, double[] t) {
        evaluate(x, t);
        double[] out = new double[total];
        exportValues(out);
        return out;
    }

    /** After {@link #evaluateAll}: d output / d every name (0 where a name does not reach it). */
    public final double[] reverseAll() {
        requireDerivatives("reverseAll");
        reverse();
        double[] out = new double[total];
        exportAdjoints(out);
        return out;
    }

    /** After {@link #evaluateAll}: d every name / d the leaves, along {@code seed}. */
    public final double[] tangentAll(double[] seed) {
        requireDerivatives("tangentAll");
        if (seed.length != leafTotal) {
            throw new IllegalArgumentException("a tangent seed has " + leafTotal
                    + " values, got " + seed.length);
        }
        tangent(seed);
        double[] out = new double[total];
        exportTangents(out);
        return out;
    }

    private void requireDerivatives(String method) {
        if (!derivatives) {
            throw new UnsupportedOperationException(name() + " was compiled from a layer"
                    + " description, which has no " + method + ": only the loss's gradient"
                    + " (computeGradient); describe it as a graph for every name's derivatives");
        }
    }

    private int at(String name) {
        Integer k = index.get(name);
        if (k == null) {
            throw new IllegalArgumentException(name() + " has no value named '" + name + "'");
        }
        return k;
    }
}
