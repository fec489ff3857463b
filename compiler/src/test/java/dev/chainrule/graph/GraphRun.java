package dev.chainrule.graph;

import dev.chainrule.codegen.Backend;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.GeneratedGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph both ways at the same leaves: the {@link Interpreter} on the differentiated
 * graph (the oracle), and a generated class. Both give every name's value, reverse-mode
 * adjoint and forward-mode tangent, flattened in name order as {@link GeneratedGraph} lays them
 * out, and every param's training gradient, concatenated in param order.
 */
final class GraphRun {

    /**
     * @param labels what each flat index of values, adjoints and tangents holds, such as
     *     {@code W[4]} (only the interpreter's result has them)
     */
    record Result(double[] values, double[] adjoints, double[] tangents, double[] gradients,
                  List<String> labels) {}

    /**
     * One hand-built lowering case: a forward graph, a value for each of its leaves, and the
     * random source that built it (it goes on to draw the tangent seed).
     */
    record Case(Graph forward, Map<String, Tensor> leaves, java.util.Random rnd) {}

    private GraphRun() {}

    /** The graph {@link #checkLowering} lowers: {@code forward} differentiated and optimized. */
    static Graph optimized(Graph forward) {
        return Passes.optimize(Derivatives.differentiate(forward));
    }

    /** The interpreter's answer; {@code seed} holds every leaf's tangent, in name order. */
    static Result interpret(Graph g, Map<String, Tensor> leaves, double[] seed) {
        Tensor[] v = Interpreter.run(g, leaves, split(g, seed));
        List<Double> values = new ArrayList<>();
        List<Double> adjoints = new ArrayList<>();
        List<Double> tangents = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : g.info().names()) {
            Shape s = g.shape(g.value(name));
            for (int k = 0; k < s.size(); k++) {
                labels.add(name + s + "[" + k + "] = " + g.node(g.value(name)).op().mnemonic());
            }
            append(values, v[g.value(name)]);
            append(adjoints, pick(v, g.adjoints().get(name), s));
            append(tangents, pick(v, g.tangents().get(name), s));
        }
        List<Double> gradients = new ArrayList<>();
        for (Node p : g.leaves(Role.PARAM)) {
            append(gradients, pick(v, g.gradients().get(name(p)), p.shape()));
        }
        return new Result(array(values), array(adjoints), array(tangents), array(gradients),
                labels);
    }

    /**
     * Differentiates and lowers {@code forward}, then checks the generated class against the
     * interpreter: values, adjoints, tangents (a random seed for every leaf) and training
     * gradients to 1e-12 relative on the source backend, the bytecode backend bit for bit.
     */
    static void checkLowering(Case c) {
        Map<String, Tensor> leaves = c.leaves();
        java.util.Random rnd = c.rnd();
        Graph g = Derivatives.differentiate(c.forward());
        dev.chainrule.loops.LoweredClass lowered = dev.chainrule.lower.GraphLowering.lower(
                Passes.optimize(g), dev.chainrule.codegen.MethodSizer::measure,
                dev.chainrule.lower.LoweringPolicy.DEFAULT.methodBudgetBytes());
        double[] tangentSeed = new double[leaves.values().stream()
                .mapToInt(t -> t.data().length).sum()];
        for (int k = 0; k < tangentSeed.length; k++) {
            tangentSeed[k] = 2 * rnd.nextDouble() - 1;
        }
        Result expected = interpret(g, leaves, tangentSeed);
        Result source = generated(Backend.SOURCE, lowered, g, leaves, tangentSeed);
        Result bytecode = generated(Backend.BYTECODE, lowered, g, leaves, tangentSeed);
        GeneratedGraphPropertyTest.close(expected, source, "source backend");
        GeneratedGraphPropertyTest.bits(source, bytecode);
    }

    /** The generated class's answer, its params set from {@code leaves}. */
    static Result generated(Backend backend, LoweredClass lowered, Graph g,
                            Map<String, Tensor> leaves, double[] seed) {
        GeneratedGraph c = (GeneratedGraph) backend.instantiate(lowered);
        for (Node p : g.leaves(Role.PARAM)) {
            c.setParameter(name(p), leaves.get(name(p)).data());
        }
        double[] x = flat(g, Role.INPUT, leaves);
        double[] t = flat(g, Role.TARGET, leaves);
        double[] values = c.evaluateAll(x, t);
        samePredictionAndLoss(c, g, x, t, values);
        double[] adjoints = c.reverseAll();
        double[] tangents = c.tangentAll(seed);
        c.computeGradient(x, t);
        List<Double> gradients = new ArrayList<>();
        for (Node p : g.leaves(Role.PARAM)) {
            for (double d : c.getGradient(name(p))) {
                gradients.add(d);
            }
        }
        return new Result(values, adjoints, tangents, array(gradients), List.of());
    }

    /** predict and loss (the training path) give what evaluateAll gave, bit for bit. */
    private static void samePredictionAndLoss(GeneratedGraph c, Graph g, double[] x, double[] t,
                                              double[] values) {
        String output = g.info().output();
        int at = c.offset(output);
        double[] predicted = new double[g.shape(g.value(output)).size()];
        c.predict(x, predicted);
        double[] evaluated = java.util.Arrays.copyOfRange(values, at, at + predicted.length);
        if (!java.util.Arrays.equals(evaluated, predicted)) {
            throw new AssertionError("predict gave " + java.util.Arrays.toString(predicted)
                    + ", evaluateAll " + java.util.Arrays.toString(evaluated));
        }
        double loss = c.loss(x, t);
        double evaluatedLoss = values[c.offset(g.info().loss())];
        if (Double.compare(loss, evaluatedLoss) != 0) {
            throw new AssertionError("loss gave " + loss + ", evaluateAll " + evaluatedLoss);
        }
    }

    /** The leaves of one role, flattened one after another. */
    static double[] flat(Graph g, Role role, Map<String, Tensor> leaves) {
        List<Double> out = new ArrayList<>();
        for (Node n : g.leaves(role)) {
            append(out, leaves.get(name(n)));
        }
        return array(out);
    }

    /** Each leaf's part of a flat tangent seed (inputs, targets, params in name order). */
    static Map<String, Tensor> split(Graph g, double[] seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int at = 0;
        for (String name : g.info().names()) {
            Node n = g.node(g.value(name));
            if (n.op() instanceof Leaf l && l.name().equals(name)) {
                int size = n.shape().size();
                out.put(name, new Tensor(n.shape(), java.util.Arrays.copyOfRange(seed, at, at + size)));
                at += size;
            }
        }
        return out;
    }

    static String name(Node leaf) {
        return ((Leaf) leaf.op()).name();
    }

    private static Tensor pick(Tensor[] v, Integer id, Shape s) {
        return id == null ? Tensor.zeros(s) : v[id];
    }

    private static void append(List<Double> out, Tensor t) {
        for (double d : t.data()) {
            out.add(d);
        }
    }

    private static double[] array(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
