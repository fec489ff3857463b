package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The statements that copy leaves from a method's flat {@code double[]} into their fields. */
final class LeafLoads {

    private final Graph g;
    private final GraphStorage storage;
    private final GraphEmit emit;
    private final Type real;
    private final boolean[] fusedOuter;
    private final WeightMirrors mirrors;

    LeafLoads(Graph g, GraphStorage storage, GraphEmit emit, Type real, boolean[] fusedOuter,
              WeightMirrors mirrors) {
        this.g = g;
        this.storage = storage;
        this.emit = emit;
        this.real = real;
        this.fusedOuter = fusedOuter;
        this.mirrors = mirrors;
    }

    /**
     * Copies the leaves of {@code role} from the flat {@code double[]} parameter, one block per
     * leaf (so that method splitting may cut between them), each with its nonzero list.
     */
    List<List<Stmt>> load(Role role, String param, boolean sparse) {
        List<List<Stmt>> out = new ArrayList<>();
        int offset = 0;
        for (Node leaf : g.leaves(role)) {
            if (storage.field(leaf.id()) != null) {
                int at = offset;
                Shape s = leaf.shape();
                Function<Expr, Expr> source = k -> new Expr.Load(new ArrayRef.Parameter(param),
                        List.of(at == 0 ? k : Code.add(Code.index(at), k)));
                Storage.NonZeros list = storage.nonZeros(leaf.id());
                if (sparse && list != null && onlyListsRead(leaf)) {
                    // list straight from the parameter, then round only the listed entries:
                    // every reader of this input goes through its list
                    // the runtime's listing: bit tests, all-zero blocks of eight skipped
                    List<Stmt> block = new ArrayList<>(List.of(
                            new Stmt.Comment("list the elements that are not exactly zero: the"
                                    + " loops over their rows skip the others"),
                            new Stmt.StoreScalarField(list.count(), new Expr.ListNonZeros(
                                    new ArrayRef.Parameter(param), at, s.rows(),
                                    (ArrayRef.Field) list.indices()))));
                    block.add(new Stmt.Comment("those entries of " + storage.field(leaf.id())
                            + ", rounded once to the network's precision: nothing reads the"
                            + " others"));
                    block.addAll(DenseKernels.rowBlocks(list, s.rows(), 1, is -> List.of(
                            emit.store(leaf, is.get(0), null,
                                    Code.convert(source.apply(is.get(0)), real)))));
                    out.add(block);
                } else {
                    List<Stmt> block = new ArrayList<>(emit.each(s, (i, j) -> List.of(emit.store(leaf,
                            i, j, Code.convert(new Expr.Load(new ArrayRef.Parameter(param),
                                    List.of(GraphLowering.flat(s, at, i, j))), real)))));
                    block.addAll(list(leaf));
                    out.add(block);
                }
            }
            offset += leaf.shape().size();
        }
        return out;
    }

    /**
     * Whether every reader of input {@code x} reads it through its nonzero list: products
     * W @ x and fused gradients g xᵀ over loops (whose weights have no mirror, which would read
     * all of x). Then the other entries may hold an earlier sample's values.
     */
    private boolean onlyListsRead(Node x) {
        for (Node n : g.nodes()) {
            if (!n.inputs().contains(x.id())) {
                continue;
            }
            boolean product = n.op() instanceof dev.chainrule.graph.op.MatMul
                    && n.input(1) == x.id() && n.input(0) != x.id()
                    && storage.transposed(n.input(0))
                    && !DenseChoices.unrollDense(g.shape(n.input(0)));
            boolean gradient = fusedOuter[n.id()] && n.input(1) == x.id() && n.input(0) != x.id()
                    && !DenseChoices.unrollDense(n.shape()) && !mirroredGradient(n.id());
            if (!product && !gradient) {
                return false;
            }
        }
        return true;
    }

    private boolean mirroredGradient(int outer) {
        for (Node p : g.leaves(Role.PARAM)) {
            Integer d = g.gradients().get(((Leaf) p.op()).name());
            if (d != null && d == outer && mirrors.mirrored(p.id())) {
                return true;
            }
        }
        return false;
    }

    private List<Stmt> list(Node n) {
        Storage.NonZeros list = storage.nonZeros(n.id());
        return list == null ? List.of() : DenseKernels.listNonZeros(list,
                k -> emit.element(n.id(), k, null), n.shape().rows(), real);
    }
}
