package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Leaf;
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
                    && g.shape(n.input(1)).isVector()) {
                out.add(n.input(1));
            }
        }
        return List.copyOf(out);
    }
}
