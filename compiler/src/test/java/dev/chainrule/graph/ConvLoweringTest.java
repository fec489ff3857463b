package dev.chainrule.graph;

import dev.chainrule.graph.op.AvgPool2d;
import dev.chainrule.graph.op.AvgPool2dTranspose;
import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.BroadcastTo;
import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Conv2d;
import dev.chainrule.graph.op.Conv2dInputGrad;
import dev.chainrule.graph.op.Conv2dWeightGrad;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.MaxPool2d;
import dev.chainrule.graph.op.MaxPool2dGather;
import dev.chainrule.graph.op.MaxPool2dScatter;
import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Reshape;
import dev.chainrule.graph.op.Sum;
import dev.chainrule.graph.op.SumTo;
import dev.chainrule.graph.op.Unary;
import dev.chainrule.graph.op.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The lowerings of values of rank 3 and 4 against the interpreter, at random geometry: conv2d
 * (params W [K, C, kh, kw] and b [K]), its input and weight gradients, max pool with its gather
 * and scatter, avg pool and its transpose, reshape, and binary ops, sum_to and broadcast_to
 * across ranks ([C, 1, 1], [W], [H, W], [1, H, 1], scalars); every result weighted into one
 * loss. Values, adjoints, tangents and training gradients equal the interpreter's to 1e-12
 * relative on the source backend; the bytecode backend agrees with it bit for bit.
 */
class ConvLoweringTest {

    private final GraphBuilder b = new GraphBuilder();
    private final Map<String, Integer> values = new LinkedHashMap<>();
    private final Map<String, Tensor> leaves = new LinkedHashMap<>();
    private final List<Integer> results = new ArrayList<>();
    private Random rnd;

    @Property(tries = 4)
    void rankFourValuesLowerToWhatTheInterpreterComputes(@ForAll long seed) {
        GraphRun.checkLowering(sample(seed));
    }

    /** The graph of one try (also read by {@link LoweringCoverageTest}). */
    static GraphRun.Case sample(long seed) {
        ConvLoweringTest t = new ConvLoweringTest();
        t.rnd = new Random(seed);
        Graph forward = t.build();
        return new GraphRun.Case(forward, t.leaves, t.rnd);
    }

    private Graph build() {
        int kh = 1 + rnd.nextInt(3);
        int kw = 1 + rnd.nextInt(3);
        Window conv = new Window(kh, kw, 1 + rnd.nextInt(2), 1 + rnd.nextInt(3), rnd.nextInt(2),
                rnd.nextInt(3), 1 + rnd.nextInt(2), 1);
        int c = 1 + rnd.nextInt(2);
        int k = 1 + rnd.nextInt(3);
        Shape image = Shape.of(c, conv.dh() * (kh - 1) + 2 + rnd.nextInt(3), kw + 1 + rnd.nextInt(3));
        Shape filters = Shape.of(k, c, kh, kw);
        int x = leaf("x", Role.INPUT, image);
        int w = leaf("W", Role.PARAM, filters);
        int bias = leaf("b", Role.PARAM, Shape.of(k));
        int y = result(new Conv2d(conv), x, w, bias);
        Shape out = b.shape(y);
        result(new Conv2d(conv), x, w);
        result(new Conv2dInputGrad(conv, image), leaf("g", Role.INPUT, out), w);
        result(new Conv2dWeightGrad(conv, filters), leaf("g2", Role.INPUT, out), x);
        // unpadded, every tap reaches the same outputs: the fused forward and weight gradient
        Window unpadded = new Window(kh, kw, conv.sh(), conv.sw(), 0, 0, conv.dh(), 1);
        int full = result(new Conv2d(unpadded), x, w, bias);
        result(new Conv2dWeightGrad(unpadded, filters), leaf("g3", Role.INPUT, b.shape(full)), x);
        int relu = b.add(new Unary(Unary.Kind.RELU), y);
        // a window that fits the conv's output, which may be one row or column thin
        int ph = Math.min(2, out.dim(1));
        int pw = Math.min(1 + rnd.nextInt(2), out.dim(2));
        Window pool = Window.pool(ph, pw, 1 + rnd.nextInt(2), 1, rnd.nextInt(ph / 2 + 1), 0);
        int max = result(new MaxPool2d(pool), relu);
        result(new MaxPool2dGather(pool), leaf("t", Role.INPUT, out), y);
        result(new MaxPool2dScatter(pool), leaf("s", Role.INPUT, b.shape(max)), y);
        int avg = result(new AvgPool2d(pool), y);
        result(new AvgPool2dTranspose(pool, out), leaf("a", Role.INPUT, b.shape(avg)));
        result(new Reshape(Shape.of(out.size())), y);
        result(new Reshape(Shape.of(k, out.size() / k)), y);
        for (Shape narrow : List.of(Shape.SCALAR, Shape.of(out.dim(0), 1, 1), Shape.of(out.dim(2)),
                Shape.of(out.dim(1), out.dim(2)), Shape.of(1, out.dim(1), 1))) {
            int n = leaf("n" + leaves.size(), Role.INPUT, narrow);
            result(new Binary(Binary.Kind.MUL), y, n);
            result(new Binary(Binary.Kind.SUB), n, y);
            result(new SumTo(narrow), y);
            result(new BroadcastTo(out), n);
        }
        b.label("loss");
        int loss = -1;
        for (int r : results) {
            int weighted = b.add(new Sum(), b.add(new Binary(Binary.Kind.MUL), r,
                    b.add(new Constant(random(b.shape(r))))));
            loss = loss < 0 ? weighted : b.add(new Binary(Binary.Kind.ADD), loss, weighted);
        }
        values.put("loss", loss);
        // names as a description declares them: inputs, then params, then the nodes
        List<String> names = new ArrayList<>();
        for (Role role : List.of(Role.INPUT, Role.PARAM)) {
            leaves.keySet().stream().filter(n -> ((Leaf) b.nodes().get(values.get(n)).op())
                    .role() == role).forEach(names::add);
        }
        values.keySet().stream().filter(n -> !leaves.containsKey(n)).forEach(names::add);
        GraphInfo info = new GraphInfo("RankFour", "test.graphs", true, "loss", "loss", names,
                Map.of(), Map.of(), List.of("rank four"), false);
        return new Graph(b.nodes(), values, Map.of(), Map.of(), Map.of(), info);
    }

    private int leaf(String name, Role role, Shape s) {
        leaves.put(name, random(s));
        b.label(name);
        int id = b.add(new Leaf(role, name, s));
        values.put(name, id);
        return id;
    }

    private int result(Op op, int... inputs) {
        String name = "y" + results.size();
        b.label(name);
        int id = b.add(op, inputs);
        values.put(name, id);
        results.add(id);
        return id;
    }

    private Tensor random(Shape s) {
        double[] d = new double[s.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = 2 * rnd.nextDouble() - 1;
        }
        return new Tensor(s, d);
    }
}
