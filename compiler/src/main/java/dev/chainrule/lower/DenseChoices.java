package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.Unary;
import java.util.List;

/**
 * How a graph meets the layer form's dense kernels: which params are kept by columns, which
 * param gradients g xᵀ are added without being stored, which vectors get a nonzero list and
 * which must stay arrays because a kernel loops over them. Decided once, from the graph alone.
 */
final class DenseChoices {

    private DenseChoices() {}

    /**
     * Param matrices that some {@code W @ x} reads: kept {@code [in][out]}, so the product is
     * a sum of scaled rows and the gradient g xᵀ is added row by row, loops C2 vectorizes.
     */
    static boolean[] transposedParams(Graph g) {
        boolean[] out = new boolean[g.nodes().size()];
        for (Node n : g.nodes()) {
            if (n.op() instanceof dev.chainrule.graph.op.MatMul && g.shape(n.input(0)).isMatrix()
                    && g.shape(n.input(1)).isVector()
                    && g.node(n.input(0)).op() instanceof Leaf l && l.role() == Role.PARAM) {
                out[n.input(0)] = true;
            }
        }
        return out;
    }
    /**
     * Vectors a dense kernel runs a loop over (its product or gradient is too big to unroll):
     * they stay arrays, since scalar fields take only constant indices.
     */
    static boolean[] loopedVectors(Graph g, boolean[] transposed, boolean[] fusedOuter) {
        boolean[] out = new boolean[g.nodes().size()];
        for (Node n : g.nodes()) {
            boolean product = n.op() instanceof dev.chainrule.graph.op.MatMul
                    && transposed[n.input(0)] && g.shape(n.input(1)).isVector();
            if (product && !unrollDense(g.shape(n.input(0)))) {
                out[n.id()] = true;
                out[n.input(1)] = true;
            }
            boolean transposedProduct = n.op() instanceof dev.chainrule.graph.op.MatMul
                    && g.shape(n.input(0)).isVector() && transposed[n.input(1)];
            if (transposedProduct && !unrollDense(g.shape(n.input(1)))) {
                out[n.id()] = true;
                out[n.input(0)] = true;
            }
            if (fusedOuter[n.id()] && !unrollDense(n.shape())) {
                out[n.input(0)] = true;
                out[n.input(1)] = true;
            }
        }
        return out;
    }
    /** Whether a dense kernel over a matrix of this shape is straight-line code. */
    static boolean unrollDense(Shape s) {
        return LoweringPolicy.DEFAULT.unrollDense(s.rows(), s.cols());
    }
    /**
     * Param gradients that are one outer product g xᵀ read by nothing else, of params kept by
     * columns (the layout the dense kernels add g xᵀ into).
     */
    static boolean[] fusedOuters(Graph g, boolean[] transposed) {
        boolean[] out = new boolean[g.nodes().size()];
        int[] uses = g.useCounts();
        for (Node p : g.leaves(Role.PARAM)) {
            Integer d = g.gradients().get(((Leaf) p.op()).name());
            if (d != null && transposed[p.id()] && uses[d] == 1
                    && g.node(d).op() instanceof dev.chainrule.graph.op.Outer) {
                out[d] = true;
            }
        }
        return out;
    }
    /**
     * Vectors that a {@code W @ x} with W kept by columns reads: listing their nonzero elements
     * once lets the product and the gradient g xᵀ touch only those rows (MNIST is 81% zeros,
     * and so is much of a relu layer).
     */
    static List<Integer> listedVectors(Graph g, boolean[] transposed) {
        java.util.Set<Integer> out = new java.util.LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof dev.chainrule.graph.op.MatMul && transposed[n.input(0)]
                    && g.shape(n.input(1)).isVector() && !unrollDense(g.shape(n.input(0)))) {
                // (straight-line kernels read every element: a list would go unread)
                out.add(n.input(1));
            }
        }
        return List.copyOf(out);
    }

    /** A product g @ W computed only on the rows relu let through, and its one reader. */
    record Masked(int product, int relu, int reader) {}

    /**
     * Products {@code g @ W} (W kept by columns) whose one reader multiplies them by
     * relu′(z) = step(z), where relu(z) has a nonzero list: they need computing only on the
     * listed rows, the others being multiplied by 0. The reader then equals the product bit for
     * bit (p · 1 = p on the listed rows, +0 · 0 = +0 on the others), so it may share its storage.
     */
    static List<Masked> reluMasks(Graph g, boolean[] transposed,
                                  java.util.function.IntPredicate listed) {
        int[] uses = g.useCounts();
        java.util.Map<Integer, Integer> reluOf = new java.util.HashMap<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof Unary u && u.kind() == Unary.Kind.RELU && listed.test(n.id())) {
                reluOf.put(n.input(0), n.id());
            }
        }
        List<Masked> out = new java.util.ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Node user : g.nodes()) {
            if (!(user.op() instanceof Binary b) || b.kind() != Binary.Kind.MUL) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node product = g.node(user.input(side));
                Node step = g.node(user.input(1 - side));
                boolean masked = product.op() instanceof dev.chainrule.graph.op.MatMul
                        && g.shape(product.input(0)).isVector()
                        && transposed[product.input(1)] && uses[product.id()] == 1
                        && step.op() instanceof Unary s && s.kind() == Unary.Kind.STEP
                        && reluOf.containsKey(step.input(0))
                        && product.shape().equals(step.shape())
                        && user.shape().equals(product.shape());
                if (masked && seen.add(product.id())) {
                    out.add(new Masked(product.id(), reluOf.get(step.input(0)), user.id()));
                }
            }
        }
        return out;
    }
}
