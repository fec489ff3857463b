package dev.chainrule.graph.op;

import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.graph.Autodiff;
import dev.chainrule.graph.Graph;
import dev.chainrule.graph.GraphBuilder;
import dev.chainrule.graph.GraphInfo;
import dev.chainrule.graph.Interpreter;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * The numeric oracle of one op's derivative rules. It builds leaves x0, x1, ... → y = the op
 * under test → loss = sum(y ⊙ w), w a fixed random constant (so every element of y matters),
 * and checks, against central differences of the {@link Interpreter}:
 * <ol>
 *   <li>reverse mode: {@link Autodiff#vjp} d loss / d every leaf element;</li>
 *   <li>forward mode: {@link Autodiff#jvp} the tangent of every element of y, and of the loss,
 *       along a random direction v;</li>
 *   <li>their consistency, ⟨vjp(w), v⟩ = ⟨w, jvp(v)⟩, to rounding.</li>
 * </ol>
 * A difference passes when it is within {@link #REL} of the larger magnitude, plus {@link #ABS}
 * times the L1 size of what was differenced (the rounding a central difference of step
 * {@code 1e-6} amplifies by 1e6). A wrong rule is off by O(1) and cannot pass.
 */
final class OpCheck {

    static final double REL = 1e-6;
    static final double ABS = 1e-8;
    static final double STEP = 1e-6;

    private OpCheck() {}

    /** Checks {@code op} applied to one leaf per value, in order. */
    static void op(Op op, Random rnd, Tensor... leaves) {
        graph(b -> b.add(op, leafIds(leaves.length)), rnd, leaves);
    }

    /** Checks {@code op} applied to leaves by index, such as {0, 0} for x * x. */
    static void wired(Op op, int[] wiring, Random rnd, Tensor... leaves) {
        graph(b -> b.add(op, wiring), rnd, leaves);
    }

    private static int[] leafIds(int n) {
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = k;
        }
        return ids;
    }

    /**
     * Checks the value {@code body} builds over leaves x0, x1, ... (ids 0, 1, ...), whose values
     * are {@code leaves}.
     */
    static void graph(ToIntFunction<GraphBuilder> body, Random rnd, Tensor... leaves) {
        GraphBuilder b = new GraphBuilder();
        Map<String, Tensor> values = new LinkedHashMap<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int k = 0; k < leaves.length; k++) {
            String name = "x" + k;
            ids.put(name, b.add(new Leaf(Role.INPUT, name, leaves[k].shape())));
            values.put(name, leaves[k]);
        }
        int y = body.applyAsInt(b);
        Shape ys = b.shape(y);
        Tensor w = uniform(rnd, ys, 0.5, 1.5, true);
        int weighted = b.add(new Binary(Binary.Kind.MUL), y, b.add(new Constant(w)));
        int loss = b.add(new Sum(), weighted);
        Graph forward = graph(b, ids);
        int count = forward.nodes().size();

        GraphBuilder d = new GraphBuilder(forward);
        Map<Integer, Integer> adjoints = Autodiff.vjp(d, loss, d.add(new Constant(Tensor.scalar(1))));
        Map<Integer, Integer> seeds = new LinkedHashMap<>();
        Map<String, Tensor> direction = new LinkedHashMap<>();
        for (var leaf : ids.entrySet()) {
            Shape s = forward.shape(leaf.getValue());
            seeds.put(leaf.getValue(), d.add(new Leaf(Role.TANGENT_SEED, leaf.getKey(), s)));
            direction.put(leaf.getKey(), uniform(rnd, s, -1, 1, false));
        }
        Map<Integer, Integer> tangents = Autodiff.jvp(d, count, seeds);
        Tensor[] all = Interpreter.run(graph(d, ids), values, direction);
        Tensor yValue = all[y];
        Tensor ty = tangents.containsKey(y) ? all[tangents.get(y)] : Tensor.zeros(ys);
        double tLoss = tangents.containsKey(loss) ? all[tangents.get(loss)].item() : 0;
        requireFinite(yValue, "y");

        // (a) reverse mode against central differences, element by element
        double vjpDotV = 0;
        double vjpDotVSize = 0;
        double fdDotV = 0;
        for (var leaf : ids.entrySet()) {
            String name = leaf.getKey();
            Tensor x = values.get(name);
            Tensor g = adjoints.containsKey(leaf.getValue()) ? all[adjoints.get(leaf.getValue())]
                    : Tensor.zeros(x.shape());
            for (int e = 0; e < x.data().length; e++) {
                double h = STEP * Math.max(1, Math.abs(x.data()[e]));
                Tensor[] plus = run(forward, values, name, e, h);
                Tensor[] minus = run(forward, values, name, e, -h);
                double fd = (plus[loss].item() - minus[loss].item()) / (2 * h);
                double size = 1 + l1(plus[weighted]) + l1(minus[weighted]);
                close(fd, g.data()[e], size, "d loss / d " + name + "[" + e + "]", yValue);
                double v = direction.get(name).data()[e];
                vjpDotV += g.data()[e] * v;
                vjpDotVSize += Math.abs(g.data()[e] * v);
                fdDotV += fd * v;
            }
        }

        // (b) forward mode: the tangent of every element of y along the direction
        double h = STEP * Math.max(1, maxAbs(values));
        Tensor[] plus = Interpreter.run(forward, shifted(values, direction, h));
        Tensor[] minus = Interpreter.run(forward, shifted(values, direction, -h));
        double size = 1 + l1(plus[y]) + l1(minus[y]);
        for (int e = 0; e < ys.size(); e++) {
            double fd = (plus[y].data()[e] - minus[y].data()[e]) / (2 * h);
            close(fd, ty.data()[e], size, "tangent of y[" + e + "]", yValue);
        }
        close(fdDotV, tLoss, 1 + vjpDotVSize, "tangent of the loss", yValue);

        // (c) ⟨vjp(w), v⟩ = ⟨w, jvp(v)⟩, both exact up to rounding
        double wDotT = 0;
        double wDotTSize = 0;
        for (int e = 0; e < ys.size(); e++) {
            wDotT += w.data()[e] * ty.data()[e];
            wDotTSize += Math.abs(w.data()[e] * ty.data()[e]);
        }
        double tol = 1e-12 * (1 + vjpDotVSize + wDotTSize);
        if (!(Math.abs(vjpDotV - wDotT) <= tol)) {
            fail("<vjp(w), v> = " + vjpDotV + " but <w, jvp(v)> = " + wDotT + " at y = " + yValue);
        }
    }

    private static Graph graph(GraphBuilder b, Map<String, Integer> ids) {
        GraphInfo info = new GraphInfo("OpCheck", null, true, "x0", "x0",
                new ArrayList<>(ids.keySet()), Map.of(), Map.of(), List.of(), false);
        return new Graph(b.nodes(), ids, Map.of(), Map.of(), Map.of(), info);
    }

    private static Tensor[] run(Graph forward, Map<String, Tensor> values, String name, int e,
                                double h) {
        Map<String, Tensor> moved = new LinkedHashMap<>(values);
        double[] data = values.get(name).data().clone();
        data[e] += h;
        moved.put(name, new Tensor(values.get(name).shape(), data));
        return Interpreter.run(forward, moved);
    }

    private static Map<String, Tensor> shifted(Map<String, Tensor> values,
                                               Map<String, Tensor> direction, double h) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        values.forEach((name, x) -> {
            double[] data = x.data().clone();
            for (int e = 0; e < data.length; e++) {
                data[e] += h * direction.get(name).data()[e];
            }
            out.put(name, new Tensor(x.shape(), data));
        });
        return out;
    }

    private static void close(double fd, double ad, double size, String what, Tensor y) {
        double tol = REL * Math.max(Math.abs(fd), Math.abs(ad)) + ABS * size;
        if (!(Math.abs(fd - ad) <= tol)) {
            fail(what + ": derivative rule gives " + ad + ", central difference " + fd
                    + " (tolerance " + tol + ") at y = " + y);
        }
    }

    private static void requireFinite(Tensor t, String what) {
        for (double x : t.data()) {
            if (!Double.isFinite(x)) {
                fail(what + " is not finite: the generator left the op's domain: " + t);
            }
        }
    }

    private static double l1(Tensor t) {
        double s = 0;
        for (double x : t.data()) {
            s += Math.abs(x);
        }
        return s;
    }

    private static double maxAbs(Map<String, Tensor> values) {
        double m = 0;
        for (Tensor t : values.values()) {
            for (double x : t.data()) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /**
     * Values uniform in [lo, hi]; with {@code eitherSign}, each negated with probability ½
     * (so |x| stays in [lo, hi], away from a kink at 0 when lo > 0).
     */
    static Tensor uniform(Random rnd, Shape s, double lo, double hi, boolean eitherSign) {
        double[] data = new double[s.size()];
        for (int k = 0; k < data.length; k++) {
            data[k] = lo + (hi - lo) * rnd.nextDouble();
            if (eitherSign && rnd.nextBoolean()) {
                data[k] = -data[k];
            }
        }
        return new Tensor(s, data);
    }
}
