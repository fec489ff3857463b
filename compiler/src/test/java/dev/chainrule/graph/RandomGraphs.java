package dev.chainrule.graph;

import static dev.chainrule.graph.Graphs.call;
import static dev.chainrule.graph.Graphs.name;
import static dev.chainrule.graph.Graphs.neg;
import static dev.chainrule.graph.Graphs.num;
import static dev.chainrule.graph.Graphs.op;
import static dev.chainrule.graph.Graphs.pow;

import dev.chainrule.description.Precision;
import dev.chainrule.description.graph.Expression;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.Expression.Operator;
import dev.chainrule.description.graph.GraphSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random graph descriptions over every expression form, with consistent shapes: leaves of
 * shapes [], [c], [r], [r, c], [c, r] and [r, 1] (r, c in 1..3), 2-5 nodes of random shapes
 * built from them and from earlier nodes, and a scalar loss that reads every node and the
 * target (through squared_error, mse or softmax_cross_entropy); the output is the loss or,
 * in half the graphs, one of the nodes. Arguments stay in each function's domain: log, sqrt, negative and fractional powers
 * and divisors only see values built positive (σ(e) + 0.25, exp(tanh e), e² + 1).
 */
final class RandomGraphs {

    /** A description and a value for each of its leaves (inputs, targets, params). */
    record Case(GraphSpec spec, Map<String, Tensor> leaves) {}

    private final Random rnd;
    private final Map<Shape, List<String>> pool = new LinkedHashMap<>();
    private final Map<String, Tensor> leaves = new LinkedHashMap<>();
    private final Graphs.Spec spec;
    private final Shape[] shapes;

    private RandomGraphs(long seed, Precision precision) {
        rnd = new Random(seed);
        int r = 1 + rnd.nextInt(3);
        int c = 1 + rnd.nextInt(3);
        spec = new Graphs.Spec("Random" + Long.toHexString(seed).toUpperCase()).precision(precision);
        shapes = new Shape[] {Shape.SCALAR, Shape.of(c), Shape.of(r), Shape.of(r, c),
                Shape.of(c, r), Shape.of(r, 1)};
        leaf("input", "x", Shape.SCALAR);
        leaf("input", "u", Shape.of(c));
        leaf("input", "M", Shape.of(r, c));
        leaf("input", "col", Shape.of(r, 1));
        leaf("target", "t", Shape.of(r));
        leaf("param", "W", Shape.of(r, c));
        leaf("param", "b", Shape.of(r));
        leaf("param", "s", Shape.SCALAR);
        leaf("param", "N", Shape.of(c, r));
    }

    static Case generate(long seed, Precision precision) {
        return new RandomGraphs(seed, precision).build();
    }

    private Case build() {
        int count = 2 + rnd.nextInt(4);
        Function[] losses = {Function.SQUARED_ERROR, Function.MSE, Function.SOFTMAX_CROSS_ENTROPY};
        Expression loss = call(losses[rnd.nextInt(3)], gen(shapes[2], 2), name("t"));
        for (int k = 0; k < count; k++) {
            Shape s = shapes[rnd.nextInt(shapes.length)];
            String n = "n" + k;
            spec.node(n, gen(s, 1 + rnd.nextInt(3)));
            pool.computeIfAbsent(s, x -> new ArrayList<>()).add(n);
            loss = op(Operator.ADD, loss, call(rnd.nextBoolean() ? Function.SUM : Function.MEAN,
                    name(n)));
        }
        spec.node("loss", loss);
        // half the graphs predict one of their nodes (of any shape) and train on the loss
        spec.output(rnd.nextBoolean() ? "loss" : "n" + rnd.nextInt(count)).loss("loss");
        return new Case(spec.build(), leaves);
    }

    private void leaf(String role, String n, Shape s) {
        Integer[] dims = s.dims().toArray(Integer[]::new);
        Tensor value = values(s);
        switch (role) {
            case "input" -> spec.input(n, dims);
            case "target" -> spec.target(n, dims);
            default -> spec.param(n, value.data(), dims);
        }
        leaves.put(n, value);
        pool.computeIfAbsent(s, x -> new ArrayList<>()).add(n);
    }

    private Tensor values(Shape s) {
        double[] d = new double[s.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = 3 * rnd.nextDouble() - 1.5;
        }
        return new Tensor(s, d);
    }

    private Expression leafOf(Shape s) {
        List<String> names = pool.get(s);
        if (names == null) {
            return num(Math.round(rnd.nextDouble() * 40 - 20) / 8.0);
        }
        return name(names.get(rnd.nextInt(names.size())));
    }

    private Expression gen(Shape s, int depth) {
        if (depth <= 0 || rnd.nextInt(5) == 0) {
            return s.isScalar() && rnd.nextInt(4) == 0 ? num(rnd.nextInt(7) - 3) : leafOf(s);
        }
        int d = depth - 1;
        int choice = rnd.nextInt(11);
        if (s.isScalar() && choice >= 8) {
            return scalar(d);
        }
        return switch (choice) {
            case 0 -> call(List.of(Function.TANH, Function.SIGMOID, Function.RELU, Function.ABS)
                    .get(rnd.nextInt(4)), gen(s, d));
            case 1 -> neg(gen(s, d));
            case 2 -> call(Function.EXP, call(Function.TANH, gen(s, d)));
            case 3 -> call(rnd.nextBoolean() ? Function.LOG : Function.SQRT, positive(s, d));
            case 4 -> rnd.nextBoolean() ? pow(gen(s, d), 2 + rnd.nextInt(2))
                    : pow(positive(s, d), new double[] {0.5, -1.5, -1, 1.5}[rnd.nextInt(4)]);
            case 5, 6 -> broadcast(List.of(Operator.ADD, Operator.SUB, Operator.MUL)
                    .get(rnd.nextInt(3)), s, d);
            case 7 -> rnd.nextBoolean() ? op(Operator.DIV, gen(s, d), positive(source(s), d))
                    : op(Operator.DIV, gen(source(s), d), positive(s, d));
            default -> shaped(s, d);
        };
    }

    private Expression broadcast(Operator o, Shape s, int d) {
        Expression a = gen(s, d);
        Expression b = gen(source(s), d);
        return rnd.nextBoolean() ? op(o, a, b) : op(o, b, a);
    }

    /** A shape of some leaf that broadcasts to {@code s}. */
    private Shape source(Shape s) {
        List<Shape> out = new ArrayList<>(List.of(s, Shape.SCALAR));
        if (s.isMatrix()) {
            out.add(Shape.of(s.cols()));
            out.add(Shape.of(s.rows(), 1));
        }
        out.removeIf(x -> !pool.containsKey(x));
        return out.get(rnd.nextInt(out.size()));
    }

    private Expression positive(Shape s, int d) {
        return switch (rnd.nextInt(3)) {
            case 0 -> op(Operator.ADD, call(Function.SIGMOID, gen(s, d)), num(0.25));
            case 1 -> call(Function.EXP, call(Function.TANH, gen(s, d)));
            default -> op(Operator.ADD, pow(gen(s, d), 2), num(1));
        };
    }

    /** Forms of one rank: matmuls, softmax, transpose; an elementwise form when none fits. */
    private Expression shaped(Shape s, int d) {
        List<Expression> options = new ArrayList<>();
        for (Shape m : shapes) {
            if (!m.isMatrix()) {
                continue;
            }
            if (s.isVector() && m.rows() == s.rows() && pool.containsKey(Shape.of(m.cols()))) {
                options.add(op(Operator.MATMUL, gen(m, d), gen(Shape.of(m.cols()), d)));
            }
            if (s.isVector() && m.cols() == s.rows() && pool.containsKey(Shape.of(m.rows()))) {
                options.add(op(Operator.MATMUL, gen(Shape.of(m.rows()), d), gen(m, d)));
            }
            if (s.isMatrix() && m.rows() == s.rows()) {
                Shape right = Shape.of(m.cols(), s.cols());
                if (pool.containsKey(right)) {
                    options.add(op(Operator.MATMUL, gen(m, d), gen(right, d)));
                }
            }
        }
        if (s.isVector()) {
            options.add(call(Function.SOFTMAX, gen(s, d)));
            options.add(call(Function.LOG_SOFTMAX, gen(s, d)));
        }
        Shape flipped = s.isMatrix() ? Shape.of(s.cols(), s.rows()) : null;
        if (flipped != null && pool.containsKey(flipped)) {
            options.add(call(Function.TRANSPOSE, gen(flipped, d)));
        }
        return options.isEmpty() ? call(Function.TANH, gen(s, d))
                : options.get(rnd.nextInt(options.size()));
    }

    /** Scalar forms: reductions, dot products, the losses. */
    private Expression scalar(int d) {
        Shape any = shapes[rnd.nextInt(shapes.length)];
        Shape vector = shapes[1 + rnd.nextInt(2)];
        return switch (rnd.nextInt(6)) {
            case 0 -> call(Function.SUM, gen(any, d));
            case 1 -> call(Function.MEAN, gen(any, d));
            case 2 -> op(Operator.MATMUL, gen(vector, d), gen(vector, d));
            case 3 -> call(Function.SQUARED_ERROR, gen(any, d), gen(any, d));
            case 4 -> call(Function.MSE, gen(any, d), gen(any, d));
            default -> call(Function.SOFTMAX_CROSS_ENTROPY, gen(vector, d), gen(vector, d));
        };
    }
}
