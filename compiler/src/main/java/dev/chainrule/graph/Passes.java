package dev.chainrule.graph;

import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Leaf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph's optimization passes, each a named step that says whether it changed anything:
 * products with the constant 1 are dropped (training's reverse pass is seeded with 1, so every
 * rule's {@code g ·} starts as {@code 1 ·}), common subexpressions are merged (ops are values, so
 * equal op and inputs mean equal results), and nodes nothing reads are dropped. Leaves stay, so a seed's place in its array never moves.
 */
public final class Passes {

    /** A pass: the graph it makes, and whether that differs. */
    public record Result(Graph graph, boolean changed) {}

    private Passes() {}

    /** Every pass until none changes anything (capped, as XLA's fix-point pipelines). */
    public static Graph optimize(Graph g) {
        for (int round = 0; round < 25; round++) {
            Result ones = timesOne(g);
            Result cse = commonSubexpressions(ones.graph());
            Result dce = deadCode(cse.graph());
            g = dce.graph();
            if (!ones.changed() && !cse.changed() && !dce.changed()) {
                break;
            }
        }
        return g;
    }

    /**
     * {@code x · 1} and {@code 1 · x} are x (exactly, signed zeros and NaN included). An x that
     * was only a piece of a derivative (labelled {@code y'}) takes the product's label, which
     * says what the value is: {@code g · (softmax(z) − t)} with g = 1 is {@code d_z}.
     */
    public static Result timesOne(Graph g) {
        int[] same = new int[g.nodes().size()];
        String[] labels = new String[same.length];
        boolean changed = false;
        for (Node n : g.nodes()) {
            same[n.id()] = n.id();
            labels[n.id()] = n.label();
            if (n.op() instanceof Binary b && b.kind() == Binary.Kind.MUL) {
                for (int side = 0; side < 2; side++) {
                    Node one = g.node(n.input(side));
                    int other = n.input(1 - side);
                    if (one.op() instanceof Constant c && c.isScalar() && c.value().item() == 1
                            && g.shape(other).equals(n.shape())) {
                        same[n.id()] = same[other];
                        if (labels[same[other]].endsWith("'")) {
                            labels[same[other]] = n.label();
                        }
                        changed = true;
                        break;
                    }
                }
            }
        }
        if (!changed) {
            return new Result(g, false);
        }
        List<Node> relabelled = new ArrayList<>();
        for (Node n : g.nodes()) {
            relabelled.add(new Node(n.id(), n.op(), n.inputs(), n.shape(), labels[n.id()]));
        }
        Graph named = g.withNodes(relabelled, id -> id);
        return new Result(rebuild(named, same, live(named, same)), true);
    }

    public static Result commonSubexpressions(Graph g) {
        Map<String, Integer> seen = new HashMap<>();
        int[] same = new int[g.nodes().size()];
        boolean changed = false;
        for (Node n : g.nodes()) {
            List<Integer> inputs = n.inputs().stream().map(i -> same[i]).toList();
            String key = n.op() + "|" + inputs;
            Integer earlier = n.op() instanceof Leaf ? null : seen.get(key);
            if (earlier != null) {
                same[n.id()] = earlier;
                changed = true;
            } else {
                seen.put(key, n.id());
                same[n.id()] = n.id();
            }
        }
        return changed ? new Result(rebuild(g, same, live(g, same)), true) : new Result(g, false);
    }

    public static Result deadCode(Graph g) {
        int[] identity = new int[g.nodes().size()];
        for (int k = 0; k < identity.length; k++) {
            identity[k] = k;
        }
        boolean[] live = live(g, identity);
        for (boolean l : live) {
            if (!l) {
                return new Result(rebuild(g, identity, live), true);
            }
        }
        return new Result(g, false);
    }

    private static boolean[] live(Graph g, int[] same) {
        boolean[] live = new boolean[g.nodes().size()];
        List<Integer> roots = new ArrayList<>();
        for (Map<String, Integer> m : List.of(g.values(), g.adjoints(), g.tangents(), g.gradients())) {
            roots.addAll(m.values());
        }
        roots.forEach(r -> live[same[r]] = true);
        for (int id = live.length - 1; id >= 0; id--) {
            Node n = g.node(id);
            live[id] |= n.op() instanceof Leaf && same[id] == id;
            if (live[id] && same[id] == id) {
                n.inputs().forEach(i -> live[same[i]] = true);
            }
        }
        return live;
    }

    /** Keeps the live nodes that are their own representative, renumbered in order. */
    private static Graph rebuild(Graph g, int[] same, boolean[] live) {
        int[] newId = new int[same.length];
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (same[n.id()] == n.id() && live[n.id()]) {
                newId[n.id()] = nodes.size();
                nodes.add(n.withId(nodes.size(), n.inputs().stream()
                        .map(i -> newId[same[i]]).toList()));
            }
        }
        return g.withNodes(nodes, id -> newId[same[id]]);
    }
}
