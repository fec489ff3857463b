package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.RuntimeParameter;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What each param contributes to a graph's class: its field and accumulator, its
 * {@link RuntimeParameter} (parameterSpec, in param order), and the statements that add its
 * gradient ({@code backward}), step it at batch 1 ({@code backwardAndUpdate}), step it from the
 * accumulator ({@code update}) and clear the accumulator. An accumulator that only listed rows
 * reach gets row marks (its rows the runtime must fold; {@code GeneratedNetwork.bind}).
 * Gradient and step statements come one block per param, so that method splitting may cut
 * between them.
 */
record ParamSteps(List<String> parameterFields, List<String> gradientFields,
                  List<String> rowMarkFields, List<RuntimeParameter> parameterSpec,
                  List<List<Stmt>> accumulate, List<List<Stmt>> descend, List<List<Stmt>> update,
                  List<Stmt> clear) {

    /** @param pending where wide layers' gradients are held, or null to add them at once */
    static ParamSteps build(Graph g, GraphStorage storage, GraphEmit emit, Type real,
                            boolean[] fusedOuter, WeightMirrors mirrors, PendingOuters pending) {
        List<String> parameterFields = new ArrayList<>();
        List<String> gradientFields = new ArrayList<>();
        List<String> rowMarkFields = new ArrayList<>();
        List<RuntimeParameter> parameterSpec = new ArrayList<>();
        List<List<Stmt>> update = new ArrayList<>();
        List<Stmt> clear = new ArrayList<>();
        // one block per param, so that method splitting may cut between them; descend is
        // batch 1's: the same gradients applied to their params at once, with no accumulator
        List<List<Stmt>> accumulateBlocks = new ArrayList<>();
        List<List<Stmt>> descendBlocks = new ArrayList<>();
        Expr step = Code.convert(new Expr.Local("step", Type.DOUBLE), real);
        for (Node p : g.leaves(Role.PARAM)) {
            String name = ((Leaf) p.op()).name();
            boolean byColumns = storage.transposed(p.id());
            Shape s = p.shape();
            // the accumulator shares the param's storage order, so updates go element by element
            Shape stored = byColumns ? Shape.of(s.cols(), s.rows()) : s;
            List<Integer> dims = s.isScalar() ? List.of(1) : GraphStorage.dims(stored);
            java.util.function.BiFunction<Expr, Expr, List<Expr>> at =
                    (i, j) -> byColumns ? List.of(j, i) : GraphEmit.index(s, i, j);
            ArrayRef w = storage.array(p.id());
            ArrayRef grad = storage.addArray("grad_" + name, dims,
                    "d loss / d " + name + ", summed over the batch");
            parameterFields.add(storage.field(p.id()));
            gradientFields.add(grad.name());
            ArrayRef marks = null;
            parameterSpec.add(RuntimeParameter.of(name, s.dims(), byColumns,
                    g.info().initializers().getOrDefault(name, "zeros")));
            Integer d = g.gradients().get(name);
            List<Stmt> accumulate = new ArrayList<>();
            List<Stmt> descend = new ArrayList<>();
            accumulateBlocks.add(accumulate);
            descendBlocks.add(descend);
            if (d != null && fusedOuter[d]) {
                accumulate.add(new Stmt.Comment("grad_" + name + " += " + describeOuter(g, storage, d)));
                Node outer = g.node(d);
                Storage.NonZeros list = storage.nonZeros(outer.input(1));
                if (list != null && !DenseChoices.unrollDense(s)) {
                    marks = storage.addIntArray("marks_" + name, s.cols(),
                            "grad_" + name + "'s rows written since the runtime folded them");
                }
                if (pending != null && list != null && !DenseChoices.unrollDense(s) && s.rows()
                        >= PendingOuters.minRow(g.node(outer.input(1)).op() instanceof Leaf)) {
                    // held, and added a block of samples at a time (PendingOuters)
                    accumulate.addAll(pending.hold(storage.field(p.id()), grad,
                            k -> emit.element(outer.input(0), k, null),
                            k -> emit.element(outer.input(1), k, null), list, s.cols(), s.rows(),
                            marks));
                } else {
                    accumulate.addAll(addOuter(g, storage, emit, real, outer, grad, s, null,
                            marks));
                }
                descend.add(new Stmt.Comment(name + " -= step · " + describeOuter(g, storage, d)));
                descend.addAll(addOuter(g, storage, emit, real, g.node(d), w, s, step, null));
                descend.addAll(mirrors.descend(p.id(), step, g.node(d).input(0),
                        g.node(d).input(1)));
            } else if (d != null) {
                accumulate.add(new Stmt.Comment("grad_" + name + " += d loss / d " + name));
                accumulate.addAll(emit.each(s, (i, j) -> List.of(new Stmt.Store(grad, at.apply(i, j),
                        Code.add(new Expr.Load(grad, at.apply(i, j)), emit.element(d, i, j))))));
                descend.add(new Stmt.Comment(name + " -= step · d loss / d " + name));
                descend.addAll(emit.each(s, (i, j) -> List.of(new Stmt.Store(w, at.apply(i, j),
                        Code.sub(new Expr.Load(w, at.apply(i, j)),
                                Code.mul(step, emit.element(d, i, j)))))));
                if (mirrors.mirrored(p.id())) {
                    descend.addAll(mirrors.stale());
                }
            }
            rowMarkFields.add(marks == null ? "" : marks.name());
            List<Stmt> stepped = new ArrayList<>();
            update.add(stepped);
            stepped.add(new Stmt.Comment(name + " -= step · grad_" + name));
            // a matrix row by row through locals: loops over zero-offset rows C2 vectorizes
            stepped.addAll(s.isMatrix()
                    ? DenseKernels.updateMatrix(w, grad, stored.rows(), stored.cols(),
                            DenseChoices.unrollDense(stored), step,
                            real)
                    : emit.each(stored, (i, j) -> List.of(
                            new Stmt.Store(w, GraphEmit.index(stored, i, j), Code.sub(
                                    new Expr.Load(w, GraphEmit.index(stored, i, j)),
                                    Code.mul(step, new Expr.Load(grad, GraphEmit.index(stored, i, j))))),
                            new Stmt.Store(grad, GraphEmit.index(stored, i, j), Code.constant(real, 0)))));
            clear.addAll(s.isMatrix() ? DenseKernels.clearMatrix(grad, stored.rows(),
                    stored.cols(), real) : emit.each(stored, (i, j) -> List.of(
                    new Stmt.Store(grad, GraphEmit.index(stored, i, j), Code.constant(real, 0)))));
        }
        if (!mirrors.stale().isEmpty()) {
            update.add(mirrors.stale());
        }
        return new ParamSteps(parameterFields, gradientFields, rowMarkFields,
                parameterSpec,
                accumulateBlocks, descendBlocks, update, clear);

    }

    private static String describeOuter(Graph g, GraphStorage storage, int d) {
        Node n = g.node(d);
        return storage.field(n.input(0)) + " " + storage.field(n.input(1)) + "ᵀ";
    }

    /**
     * {@code target += g xᵀ} (or, with {@code step}, {@code target -= step · g xᵀ}) for a fused
     * outer product: the dense kernels, over the rows x's nonzero list names.
     */
    private static List<Stmt> addOuter(Graph g, GraphStorage storage, GraphEmit emit, Type real,
                                       Node outer, ArrayRef target, Shape s, Expr step,
                                       ArrayRef marks) {
        int gv = outer.input(0);
        int xv = outer.input(1);
        Function<Expr, Expr> gk = k -> emit.element(gv, k, null);
        Function<Expr, Expr> xk = k -> emit.element(xv, k, null);
        return step == null
                ? DenseKernels.accumulateOuter(target, gk, xk, s.rows(), s.cols(),
                        DenseChoices.unrollDense(s), GraphEmit.ROW_BLOCK, storage.nonZeros(xv), real,
                        marks)
                : DenseKernels.descendOuter(target, step, gk, xk, s.rows(), s.cols(),
                        DenseChoices.unrollDense(s), GraphEmit.ROW_BLOCK, storage.nonZeros(xv), real);
    }
}
