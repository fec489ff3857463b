package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.load;
import static dev.chainrule.lower.Code.local;
import static dev.chainrule.lower.Code.store;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.MatMul;
import java.util.ArrayList;
import java.util.List;

/**
 * The first layer's product {@code W x} over the network's input, computed for a whole chunk of
 * samples at once by the runtime's {@code BatchKernels.products}, which reuses each weight row
 * across the chunk (with the Vector API, four samples × 64 outputs held in registers over all
 * rows). The runtime hands the chunk's inputs over first ({@code stageInput}, each rounded once
 * as the forward pass rounds it); the first forward pass of the chunk computes every sample's
 * product, and each forward pass copies its own. Outside a chunk (batch 1, predicting) nothing
 * is staged and the per-sample loops run. Same bits: both add the terms in row order from +0
 * and skip only rows whose input is ±0 (exact for finite weights).
 */
final class StagedProduct {

    /**
     * The fewest outputs worth it: with fewer than four 16-float vectors per sample the kernel
     * runs scalar tails, slower than the per-sample loops (784×10: 0.37×; 784×128: 3.6×, JMH
     * and A/B in one JVM, Xeon AVX-512, 2026-12-07).
     */
    static final int MIN_OUTPUTS = 64;

    private static final int SLOTS = dev.chainrule.runtime.ParallelTrainer.CHUNK_SIZE;

    private final int product;
    private final int in;
    private final int out;
    private final int offset;
    private final ArrayRef.Field weight;
    private final ArrayRef.Field inputs;
    private final ArrayRef.Field products;
    private final ArrayRef.Field rows;
    private final String count;
    private final String next;

    private StagedProduct(int product, int in, int out, int offset, ArrayRef.Field weight,
                          GraphStorage storage) {
        this.product = product;
        this.in = in;
        this.out = out;
        this.offset = offset;
        this.weight = weight;
        this.inputs = storage.addArray("staged_x", List.of(SLOTS, in),
                "the staged samples' inputs, rounded once");
        this.products = storage.addArray("staged_z", List.of(SLOTS, out),
                "their first-layer products");
        this.rows = storage.addIntArray("staged_rows", in, "the product kernel's scratch");
        this.count = storage.addScalar("staged_count", Type.INT, "samples staged");
        this.next = storage.addScalar("staged_next", Type.INT, "the next staged sample's slot");
    }

    /**
     * The product to stage, or null: the first float {@code W @ x} over an input leaf, W a param
     * kept by columns, too large to unroll and with at least {@link #MIN_OUTPUTS} rows.
     */
    static StagedProduct choose(Graph g, GraphStorage storage, Type real) {
        if (real != Type.FLOAT) {
            return null; // the runtime's kernels are float
        }
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof MatMul) || !g.shape(n.input(1)).isVector()
                    || !storage.transposed(n.input(0))
                    || DenseChoices.unrollDense(g.shape(n.input(0)))
                    || g.shape(n.input(0)).rows() < MIN_OUTPUTS
                    || !(g.node(n.input(1)).op() instanceof Leaf l) || l.role() != Role.INPUT
                    || !(storage.array(n.input(0)) instanceof ArrayRef.Field w)) {
                continue;
            }
            int offset = 0;
            for (Node leaf : g.leaves(Role.INPUT)) {
                if (leaf.id() == n.input(1)) {
                    return new StagedProduct(n.id(), g.shape(n.input(0)).cols(),
                            g.shape(n.input(0)).rows(), offset, w, storage);
                }
                offset += leaf.shape().size();
            }
        }
        return null;
    }

    boolean computes(int node) {
        return node == product;
    }

    /** {@code stageInput(inputs)}: this sample's input into the next slot. */
    List<Stmt> stage() {
        ArrayRef row = new ArrayRef.Local("row", Type.FLOAT);
        Expr i = local("i", Type.INT);
        Expr source = load(new ArrayRef.Parameter("inputs"), offset == 0 ? i
                : add(Code.index(offset), i));
        return List.of(
                new Stmt.Comment("kept, rounded once, for the product of this sample's chunk"),
                new Stmt.Declare("row", Type.FLOAT_ARRAY, load(inputs, staged())),
                new Stmt.For("i", 0, in, List.of(store(row, i, Code.convert(source,
                        Type.FLOAT)))),
                new Stmt.StoreScalarField(count, add(staged(), Code.index(1))));
    }

    /** {@code unstage()}: nothing staged. */
    List<Stmt> unstage() {
        return List.of(new Stmt.StoreScalarField(count, Code.index(0)),
                new Stmt.StoreScalarField(next, Code.index(0)));
    }

    /**
     * The product into {@code z}: the staged sample's, the whole chunk's computed first if it is
     * the chunk's first sample; else {@code perSample}.
     */
    List<Stmt> product(ArrayRef z, List<Stmt> perSample) {
        Expr staged = local("staged", Type.INT);
        Expr o = local("o", Type.INT);
        ArrayRef row = new ArrayRef.Local("row", Type.FLOAT);
        Expr nextSlot = new Expr.ScalarField(next, Type.INT);
        List<Stmt> copy = new ArrayList<>();
        copy.add(new Stmt.If(new Condition(Condition.Comparison.EQ, nextSlot, Code.index(0)),
                List.of(new Stmt.BatchKernel("products", List.of(
                        new Stmt.BatchKernel.Array(weight),
                        new Stmt.BatchKernel.Value(Code.index(in)),
                        new Stmt.BatchKernel.Value(Code.index(out)),
                        new Stmt.BatchKernel.Array(inputs),
                        new Stmt.BatchKernel.Value(staged),
                        new Stmt.BatchKernel.Array(products),
                        new Stmt.BatchKernel.Array(rows))))));
        copy.add(new Stmt.Declare("row", Type.FLOAT_ARRAY, load(products, nextSlot)));
        copy.add(new Stmt.For("o", 0, out, List.of(store(z, o, load(row, o)))));
        copy.add(new Stmt.StoreScalarField(next, add(nextSlot, Code.index(1))));
        copy.add(new Stmt.If(new Condition(Condition.Comparison.EQ, nextSlot, staged),
                unstage()));
        return List.of(
                new Stmt.Comment("staged: every sample of the chunk at once (BatchKernels),"
                        + " each weight row read once for several samples"),
                new Stmt.Scope(List.of(
                        new Stmt.Declare("staged", Type.INT, staged()),
                        new Stmt.If(new Condition(Condition.Comparison.GT, staged,
                                Code.index(0)), copy),
                        new Stmt.If(new Condition(Condition.Comparison.EQ, staged,
                                Code.index(0)), perSample))));
    }

    private Expr staged() {
        return new Expr.ScalarField(count, Type.INT);
    }
}
