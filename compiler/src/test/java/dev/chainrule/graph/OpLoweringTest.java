package dev.chainrule.graph;

import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.BroadcastPatterns;
import dev.chainrule.graph.op.BroadcastTo;
import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Outer;
import dev.chainrule.graph.op.Sum;
import dev.chainrule.graph.op.SumTo;
import dev.chainrule.graph.op.Unary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The lowerings random descriptions reach rarely or never ({@link GeneratedGraphPropertyTest}
 * covers the rest), against the interpreter: binary ops at every broadcasting pattern of the op
 * property tests, sum_to and broadcast_to between every pair of shapes (identities included),
 * outer, sign, step, and constants of any shape, in one graph whose results y0, y1, ... are
 * weighted into one scalar loss; the generated class's values, adjoints, tangents and training
 * gradients equal the interpreter's to 1e-12 relative on both backends, which agree bit for bit.
 */
class OpLoweringTest {

    // one instance per graph (sample): jqwik shares the test instance between tries
    private final GraphBuilder b = new GraphBuilder();
    private final Map<String, Integer> values = new LinkedHashMap<>();
    private final Map<String, Tensor> leaves = new LinkedHashMap<>();
    private final Map<String, Integer> shared = new LinkedHashMap<>();
    private final List<Integer> results = new ArrayList<>();
    private Random rnd;

    @Property(tries = 1)
    void everyOpLowersToWhatTheInterpreterComputes(@ForAll long seed) {
        GraphRun.checkLowering(sample(seed));
    }

    /** The graph of one try (also read by {@link LoweringCoverageTest}). */
    static GraphRun.Case sample(long seed) {
        OpLoweringTest t = new OpLoweringTest();
        t.rnd = new Random(seed);
        Graph forward = t.build(2 + t.rnd.nextInt(2), 2 + t.rnd.nextInt(2), true);
        return new GraphRun.Case(forward, t.leaves, t.rnd);
    }

    /** One leaf per shape and kind (positive or not; a second for a binary op's other side). */
    private int leaf(Shape s, boolean positive) {
        return leaf(s, positive, 0);
    }

    private int leaf(Shape s, boolean positive, int which) {
        String key = s + " " + positive + " " + which;
        Integer known = shared.get(key);
        if (known != null) {
            return known;
        }
        String name = "x" + leaves.size();
        double[] d = new double[s.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = (0.5 + 1.5 * rnd.nextDouble()) * (positive || rnd.nextBoolean() ? 1 : -1);
        }
        leaves.put(name, new Tensor(s, d));
        b.label(name);
        int id = b.add(new Leaf(Role.INPUT, name, s));
        values.put(name, id);
        shared.put(key, id);
        return id;
    }

    private void result(Op op, int... inputs) {
        String name = "y" + results.size();
        b.label(name);
        int id = b.add(op, inputs);
        values.put(name, id);
        results.add(id);
    }

    private Graph build(int r, int c, boolean doublePrecision) {
        Shape m = Shape.of(r, c);
        result(new Unary(Unary.Kind.SIGN), leaf(m, false));
        result(new Unary(Unary.Kind.STEP), leaf(m, false));
        // the four kinds share one lowering: every pattern with one of them, in turn
        Binary.Kind[] kinds = Binary.Kind.values();
        List<Shape[]> patterns = BroadcastPatterns.operands(r, c);
        for (int k = 0; k < patterns.size(); k++) {
            Shape[] p = patterns.get(k);
            Binary.Kind kind = kinds[k % kinds.length];
            result(new Binary(kind), leaf(p[0], false), leaf(p[1], kind == Binary.Kind.DIV, 1));
        }
        for (Shape[] p : List.of(patterns.get(7), patterns.get(13), patterns.get(19))) {
            result(new Binary(Binary.Kind.MUL), leaf(p[0], false), b.add(new Constant(
                    randomTensor(p[1]))));
        }
        for (Shape[] p : BroadcastPatterns.pairs(r, c)) {
            result(new SumTo(p[1]), leaf(p[0], false));
            result(new BroadcastTo(p[0]), leaf(p[1], false));
        }
        result(new Outer(), leaf(Shape.of(r), false), leaf(Shape.of(c), false));
        result(new Constant(randomTensor(m)));

        b.label("loss");
        int loss = -1;
        for (int y : results) {
            int weighted = b.add(new Sum(), b.add(new Binary(Binary.Kind.MUL), y,
                    b.add(new Constant(randomTensor(b.shape(y))))));
            loss = loss < 0 ? weighted : b.add(new Binary(Binary.Kind.ADD), loss, weighted);
        }
        values.put("loss", loss);
        // names as a description declares them: the leaves, then the nodes
        List<String> names = new ArrayList<>(leaves.keySet());
        values.keySet().stream().filter(n -> !leaves.containsKey(n)).forEach(names::add);
        GraphInfo info = new GraphInfo("EveryOp", "test.graphs", doublePrecision, "loss", "loss",
                names, Map.of(), Map.of(), List.of("every op"), false);
        return new Graph(b.nodes(), values, Map.of(), Map.of(), Map.of(), info);
    }

    private Tensor randomTensor(Shape s) {
        double[] d = new double[s.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = 2 * rnd.nextDouble() - 1;
        }
        return new Tensor(s, d);
    }
}
