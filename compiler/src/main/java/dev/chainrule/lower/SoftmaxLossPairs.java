package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.op.Softmax;
import dev.chainrule.graph.op.SoftmaxCrossEntropy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classifier computes softmax(z) in {@code forward} and softmax_cross_entropy(z, t) in
 * {@code lossOf}: both need log Σ exp(z − max z), and exps are what a small network's step
 * spends its time on. The softmax keeps it in a field for the loss to read (the same bits:
 * the same exps summed in the same order). Paired only when every method that computes the
 * loss runs after one that computed the softmax: softmax in {@code forward}, loss not, and
 * softmax first in graph order (which {@code evaluate} follows).
 */
final class SoftmaxLossPairs {

    private SoftmaxLossPairs() {}

    /** Loss node → softmax node, for the pairs above. */
    static Map<Integer, Integer> choose(Graph g, boolean[] forward, boolean[] live) {
        Map<Integer, Integer> softmaxOf = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof Softmax && forward[n.id()] && live[n.id()]) {
                softmaxOf.putIfAbsent(n.input(0), n.id());
            }
        }
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            Integer s = softmaxOf.get(n.op() instanceof SoftmaxCrossEntropy ? n.input(0) : -1);
            if (s != null && s < n.id() && !forward[n.id()] && live[n.id()]) {
                out.put(n.id(), s);
            }
        }
        return out;
    }
}
