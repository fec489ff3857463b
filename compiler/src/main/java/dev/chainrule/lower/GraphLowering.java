package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Leaf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lowers a differentiated graph into the {@link LoweredClass} both backends read: a subclass of
 * {@code GeneratedGraph}. Each method computes, in graph order, the nodes its roots need that
 * the methods called before it have not: {@code forward} what the output and loss need without
 * targets, {@code lossOf} the rest of the loss, {@code backward} the param gradients;
 * {@code evaluate} every named value, {@code reverse} d output / d every name from a seed set
 * to 1, {@code tangent} the forward-mode pass from the seeds it is given.
 */
public final class GraphLowering {

    private final Graph g;
    private final Type real;
    private final boolean[] needsTarget;
    private final GraphStorage storage;
    private final GraphEmit emit;
    /** Param gradients g xᵀ that are added into their accumulator without being stored. */
    private final boolean[] fusedOuter;
    private final WeightMirrors mirrors;
    private final PendingOuters pending;
    private final boolean holdOuters;
    /** Elementwise values written into their one reader's expression. */
    private final boolean[] fused;
    /** Values that share another's field, being equal to it (a relu-masked product's reader). */
    private final boolean[] aliased;

    private GraphLowering(Graph g, boolean holdOuters) {
        this.holdOuters = holdOuters;
        this.g = g;
        this.real = Type.real(g.info().doublePrecision());
        this.needsTarget = NodeSets.dependsOn(g, Role.TARGET);
        boolean[] transposed = DenseChoices.transposedParams(g);
        this.fusedOuter = DenseChoices.fusedOuters(g, transposed);
        boolean small = GraphStorage.small(g);
        List<Integer> listed = small ? List.of() : DenseChoices.listedVectors(g, transposed);
        List<DenseChoices.Masked> masks = small ? List.of()
                : DenseChoices.reluMasks(g, transposed, listed::contains);
        // a masked product's reader (times relu′) is the product itself: it shares its field
        this.aliased = new boolean[g.nodes().size()];
        // (not a named value or derivative, whose field the export methods read by name)
        java.util.Set<Integer> named = new java.util.HashSet<>(g.values().values());
        named.addAll(g.adjoints().values());
        named.addAll(g.tangents().values());
        masks.stream().filter(m -> !named.contains(m.reader()))
                .forEach(m -> aliased[m.reader()] = true);
        this.fused = ElementwiseFusion.choose(g, aliased);
        boolean[] live = NodeSets.minus(NodeSets.minus(NodeSets.minus(
                NodeSets.reach(g, NodeSets.all(g)), fusedOuter), fused), aliased);
        this.storage = new GraphStorage(g, real, live, transposed,
                DenseChoices.loopedVectors(g, transposed, fusedOuter));
        this.emit = new GraphEmit(g, storage, real, fused);
        listed.forEach(storage::listNonZeros);
        for (DenseChoices.Masked m : masks) {
            storage.mask(m.product(), m.relu());
            if (aliased[m.reader()]) {
                storage.alias(m.reader(), m.product());
            }
        }
        this.mirrors = new WeightMirrors(g, storage, transposed, real);
        this.pending = new PendingOuters(storage, real);
        emit.useMirrors(mirrors);
        boolean[] forward = NodeSets.and(NodeSets.reach(g, List.of(g.value(g.info().output()),
                g.value(g.info().loss()))), NodeSets.not(needsTarget));
        SoftmaxLossPairs.choose(g, forward, live)
                .forEach((loss, softmax) -> emit.pairLogSumExp(softmax, loss));
    }

    public static LoweredClass lower(Graph g, CodeSizeMeter meter, int methodBudgetBytes) {
        return lower(g, meter, methodBudgetBytes, true);
    }

    /**
     * @param holdOuters whether large layers' weight gradients are added a block of samples at
     *     a time ({@link PendingOuters}) or sample by sample; the same bits either way (tested)
     */
    public static LoweredClass lower(Graph g, CodeSizeMeter meter, int methodBudgetBytes,
                                     boolean holdOuters) {
        return new GraphLowering(g, holdOuters).lower(meter, methodBudgetBytes);
    }

    private LoweredClass lower(CodeSizeMeter meter, int budget) {
        int output = g.value(g.info().output());
        int loss = g.value(g.info().loss());
        boolean[] values = NodeSets.reach(g, g.values().values());
        boolean[] forward = NodeSets.and(NodeSets.reach(g, List.of(output, loss)),
                NodeSets.not(needsTarget));
        boolean[] lossPart = NodeSets.minus(NodeSets.reach(g, List.of(loss)), forward);
        boolean[] backward = NodeSets.minus(NodeSets.minus(
                NodeSets.reach(g, g.gradients().values()), forward), lossPart);
        boolean[] reverse = NodeSets.minus(NodeSets.reach(g, g.adjoints().values()), values);
        boolean[] tangent = NodeSets.minus(NodeSets.reach(g, g.tangents().values()), values);

        List<String> parameterFields = new ArrayList<>();
        List<String> gradientFields = new ArrayList<>();
        StringBuilder parameterSpec = new StringBuilder();
        List<Stmt> update = new ArrayList<>();
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
            List<Integer> dims = s.isScalar() ? List.of(1) : stored.dims();
            java.util.function.BiFunction<Expr, Expr, List<Expr>> at =
                    (i, j) -> byColumns ? List.of(j, i) : index(s, i, j);
            ArrayRef w = storage.array(p.id());
            ArrayRef grad = storage.addArray("grad_" + name, dims,
                    "d loss / d " + name + ", summed over the batch");
            parameterFields.add(storage.field(p.id()));
            gradientFields.add(grad.name());
            parameterSpec.append(parameterSpec.length() > 0 ? ";" : "").append(name).append(' ')
                    .append(RuntimeLayouts.parameter(p.shape(), byColumns)).append(' ')
                    .append(g.info().initializers().getOrDefault(name, "zeros"));
            Integer d = g.gradients().get(name);
            List<Stmt> accumulate = new ArrayList<>();
            List<Stmt> descend = new ArrayList<>();
            accumulateBlocks.add(accumulate);
            descendBlocks.add(descend);
            if (d != null && fusedOuter[d]) {
                accumulate.add(new Stmt.Comment("grad_" + name + " += " + describeOuter(d)));
                Node outer = g.node(d);
                Storage.NonZeros list = storage.nonZeros(outer.input(1));
                if (holdOuters && list != null && !DenseChoices.unrollDense(s) && s.rows()
                        >= PendingOuters.minRow(g.node(outer.input(1)).op() instanceof Leaf)) {
                    // held, and added a block of samples at a time (PendingOuters)
                    accumulate.addAll(pending.hold(storage.field(p.id()), grad,
                            k -> emit.element(outer.input(0), k, null),
                            k -> emit.element(outer.input(1), k, null), list, s.cols(), s.rows()));
                } else {
                    accumulate.addAll(addOuter(outer, grad, s, null));
                }
                descend.add(new Stmt.Comment(name + " -= step · " + describeOuter(d)));
                descend.addAll(addOuter(g.node(d), w, s, step));
                descend.addAll(mirrors.descend(p.id(), step, g.node(d).input(0),
                        g.node(d).input(1)));
            } else if (d != null) {
                accumulate.add(new Stmt.Comment("grad_" + name + " += d loss / d " + name));
                accumulate.addAll(each(s, (i, j) -> List.of(new Stmt.Store(grad, at.apply(i, j),
                        Code.add(new Expr.Load(grad, at.apply(i, j)), emit.element(d, i, j))))));
                descend.add(new Stmt.Comment(name + " -= step · d loss / d " + name));
                descend.addAll(each(s, (i, j) -> List.of(new Stmt.Store(w, at.apply(i, j),
                        Code.sub(new Expr.Load(w, at.apply(i, j)),
                                Code.mul(step, emit.element(d, i, j)))))));
                if (mirrors.mirrored(p.id())) {
                    descend.addAll(mirrors.stale());
                }
            }
            update.add(new Stmt.Comment(name + " -= step · grad_" + name));
            // a matrix row by row through locals: loops over zero-offset rows C2 vectorizes
            update.addAll(s.isMatrix()
                    ? DenseKernels.updateMatrix(w, grad, stored.rows(), stored.cols(),
                            DenseChoices.unrollDense(stored), step,
                            real)
                    : each(stored, (i, j) -> List.of(
                            new Stmt.Store(w, index(stored, i, j), Code.sub(
                                    new Expr.Load(w, index(stored, i, j)),
                                    Code.mul(step, new Expr.Load(grad, index(stored, i, j))))),
                            new Stmt.Store(grad, index(stored, i, j), Code.constant(real, 0)))));
            clear.addAll(s.isMatrix() ? DenseKernels.clearMatrix(grad, stored.rows(),
                    stored.cols(), real) : each(stored, (i, j) -> List.of(
                    new Stmt.Store(grad, index(stored, i, j), Code.constant(real, 0)))));
        }
        update.addAll(mirrors.stale());

        List<List<Stmt>> forwardBody = new ArrayList<>();
        forwardBody.addAll(load(Role.INPUT, "inputs", true));
        forwardBody.addAll(compute(forward));
        List<List<Stmt>> lossBody = new ArrayList<>(load(Role.TARGET, "targets", false));
        lossBody.addAll(compute(lossPart));
        List<List<Stmt>> backwardBody = new ArrayList<>(compute(backward));
        backwardBody.addAll(accumulateBlocks);
        List<List<Stmt>> descendBody = new ArrayList<>(compute(backward));
        descendBody.addAll(descendBlocks);
        List<List<Stmt>> evaluateBody = new ArrayList<>();
        evaluateBody.addAll(load(Role.INPUT, "inputs", false));
        evaluateBody.addAll(load(Role.TARGET, "targets", false));
        evaluateBody.addAll(compute(values));
        List<List<Stmt>> reverseBody = new ArrayList<>();
        for (Node seed : g.leaves(Role.ADJOINT_SEED)) {
            reverseBody.add(List.of(new Stmt.Comment("seed: d " + g.info().output() + " / d "
                    + g.info().output() + " = 1"), emit.store(seed, null, null, emit.constant(1))));
        }
        reverseBody.addAll(compute(reverse));
        reverseBody.addAll(copies(g.adjoints(), storage.adjointFields));
        List<List<Stmt>> tangentBody = new ArrayList<>();
        tangentBody.addAll(load(Role.TANGENT_SEED, "seed", false));
        tangentBody.addAll(compute(tangent));
        tangentBody.addAll(copies(g.tangents(), storage.tangentFields));

        String layout = RuntimeLayouts.graph(g);
        int outputSize = g.shape(output).size();
        LoweredClass context = new LoweredClass(g.info().packageName(), g.info().className(),
                g.info().header(), g.info().className(), width(Role.INPUT), outputSize,
                g.info().doublePrecision(), g.info().classifier(), parameterSpec.toString(),
                parameterFields,
                gradientFields, storage.fields(), List.of(), List.of(), layout);
        MethodSplitter splitter = new MethodSplitter(meter, budget);
        List<LoweredMethod> methods = new ArrayList<>();
        methods.addAll(split(splitter, context, "forward", List.of(array("inputs")), forwardBody,
                "Loads one sample's inputs and computes what the output and loss need of them."));
        methods.addAll(lossOf(meter, budget, splitter, context, lossBody,
                new Stmt.Return(Code.convert(emit.element(loss, null, null), Type.DOUBLE))));
        methods.add(new LoweredMethod("output", true, List.of(array("outputs")), null,
                export(List.of(output), "outputs").get(0), "Copies the output, row-major."));
        methods.addAll(split(splitter, context, "backward", List.of(array("targets")),
                backwardBody, "d loss / d every param, added to the accumulators."));
        methods.addAll(split(splitter, context, "backwardAndUpdate",
                List.of(array("targets"), new LoweredMethod.Param("step", false)), descendBody,
                "One sample's step: every gradient is computed from the old params first, then"
                        + " param -= step · gradient, with no accumulator."));
        List<List<Stmt>> updateBody = new ArrayList<>();
        if (!pending.isEmpty()) {
            clear.addAll(pending.drop());
            updateBody.add(List.of(new Stmt.Call("finishGradients")));
            methods.add(new LoweredMethod("finishGradients", true, List.of(), null,
                    pending.flush(), "Adds the samples held back from the accumulators."));
        }
        updateBody.add(update);
        methods.addAll(split(splitter, context, "update",
                List.of(new LoweredMethod.Param("step", false)), updateBody,
                "param -= step · gradient, then clears the gradient."));
        methods.add(new LoweredMethod("clearGradients", true, List.of(), null, clear,
                pending.isEmpty() ? "Sets every gradient accumulator to zero."
                        : "Sets every gradient accumulator to zero and drops held samples."));
        if (!mirrors.stale().isEmpty()) {
            methods.add(new LoweredMethod("parametersChanged", true, List.of(), null,
                    mirrors.stale(), "The runtime changed the params: the mirrors are stale."));
        }
        methods.addAll(split(splitter, context, "evaluate",
                List.of(array("inputs"), array("targets")), evaluateBody,
                "Loads inputs and targets and computes every named value."));
        methods.addAll(split(splitter, context, "reverse", List.of(), reverseBody,
                "Reverse mode: d " + g.info().output() + " / d every value, in one backward pass."));
        methods.addAll(split(splitter, context, "tangent", List.of(array("seed")), tangentBody,
                "Forward mode: the tangent of every value, from the leaves' tangents in seed."));
        methods.addAll(split(splitter, context, "exportValues", List.of(array("out")),
                export(g.info().names().stream().map(g::value).toList(), "out"),
                "Every named value, flattened in name order."));
        methods.addAll(split(splitter, context, "exportAdjoints", List.of(array("out")),
                exportNamed(storage.adjointFields), "Every name's adjoint, flattened."));
        methods.addAll(split(splitter, context, "exportTangents", List.of(array("out")),
                exportNamed(storage.tangentFields), "Every name's tangent, flattened."));
        return context.withMethods(methods);
    }

    private List<LoweredMethod> split(MethodSplitter splitter, LoweredClass context, String name,
                                      List<LoweredMethod.Param> params, List<List<Stmt>> blocks,
                                      String comment) {
        List<Stmt> flat = new ArrayList<>();
        blocks.forEach(flat::addAll);
        return splitter.split(context, new LoweredMethod(name, true, params, null, flat, comment),
                blocks);
    }

    /**
     * {@code lossOf}: its blocks then {@code result}; over the budget, the blocks go to helpers
     * ({@code lossTerms_part1}, ...) that it calls before returning.
     */
    private static List<LoweredMethod> lossOf(CodeSizeMeter meter, int budget,
                                              MethodSplitter splitter, LoweredClass context,
                                              List<List<Stmt>> blocks, Stmt result) {
        List<LoweredMethod.Param> params = List.of(array("targets"));
        String comment = "Loads the targets and finishes the loss.";
        List<Stmt> body = new ArrayList<>();
        blocks.forEach(body::addAll);
        body.add(result);
        LoweredMethod whole = new LoweredMethod("lossOf", true, params, Type.DOUBLE, body, comment);
        if (meter.measure(context, whole) <= budget) {
            return List.of(whole);
        }
        List<Stmt> flat = new ArrayList<>();
        blocks.forEach(flat::addAll);
        List<LoweredMethod> parts = splitter.split(context,
                new LoweredMethod("lossTerms", false, params, null, flat, comment), blocks);
        List<Stmt> calls = new ArrayList<>(parts.get(0).body());
        calls.add(result);
        List<LoweredMethod> out = new ArrayList<>();
        out.add(new LoweredMethod("lossOf", true, params, Type.DOUBLE, calls, comment));
        out.addAll(parts.subList(1, parts.size()));
        return out;
    }

    private static LoweredMethod.Param array(String name) {
        return new LoweredMethod.Param(name, true);
    }

    /** One block per node: a comment naming it, then its op's statements. */
    private List<List<Stmt>> compute(boolean[] which) {
        List<List<Stmt>> blocks = new ArrayList<>();
        if (mirrors.readBy(which)) {
            blocks.add(mirrors.refresh());
        }
        for (Node n : g.nodes()) {
            if (which[n.id()] && aliased[n.id()]) {
                List<Stmt> block = new ArrayList<>();
                String d = describe(n);
                block.add(new Stmt.Comment((n.label().isEmpty() ? "" : n.label() + " = ")
                        + d.substring(d.indexOf('=') + 2) + ": not computed,"
                        + " it is " + storage.field(n.id()) + " (relu′ is 1 on every row"
                        + " computed there, and the others are 0)"));
                block.addAll(list(n));
                blocks.add(block);
            }
            if (!which[n.id()] || n.op() instanceof Leaf || storage.inlined(n) || fusedOuter[n.id()]
                    || fused[n.id()] || aliased[n.id()]) {
                continue;
            }
            List<Stmt> block = new ArrayList<>();
            block.add(new Stmt.Comment(describe(n)));
            block.addAll(n.op().lower(emit, n));
            block.addAll(list(n));
            blocks.add(block);
        }
        return blocks;
    }

    private String describe(Node n) {
        StringBuilder s = new StringBuilder(storage.field(n.id())).append(" = ")
                .append(n.op().mnemonic()).append('(');
        for (int k = 0; k < n.inputs().size(); k++) {
            Node in = g.node(n.input(k));
            s.append(k > 0 ? ", " : "").append(operand(in));
        }
        return s.append(") ").append(n.shape()).toString();
    }

    /** How an input reads in a comment: its field, or a fused value's own expression. */
    private String operand(Node in) {
        if (storage.inlined(in)) {
            return in.op().mnemonic();
        }
        if (!fused[in.id()]) {
            return storage.field(in.id());
        }
        StringBuilder s = new StringBuilder(in.op().mnemonic()).append('(');
        for (int k = 0; k < in.inputs().size(); k++) {
            s.append(k > 0 ? ", " : "").append(operand(g.node(in.input(k))));
        }
        return s.append(')').toString();
    }

    private String describeOuter(int d) {
        Node n = g.node(d);
        return storage.field(n.input(0)) + " " + storage.field(n.input(1)) + "ᵀ";
    }

    /**
     * Copies the leaves of {@code role} from the flat {@code double[]} parameter, one block per
     * leaf (so that method splitting may cut between them), each with its nonzero list.
     */
    private List<List<Stmt>> load(Role role, String param, boolean sparse) {
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
                    List<Stmt> block = new ArrayList<>(DenseKernels.listNonZeros(list, source,
                            s.rows(), Type.DOUBLE));
                    block.add(new Stmt.Comment("those entries of " + storage.field(leaf.id())
                            + ", rounded once to the network's precision: nothing reads the"
                            + " others"));
                    block.addAll(DenseKernels.rowBlocks(list, s.rows(), 1, is -> List.of(
                            emit.store(leaf, is.get(0), null,
                                    Code.convert(source.apply(is.get(0)), real)))));
                    out.add(block);
                } else {
                    List<Stmt> block = new ArrayList<>(each(s, (i, j) -> List.of(emit.store(leaf,
                            i, j, Code.convert(new Expr.Load(new ArrayRef.Parameter(param),
                                    List.of(flat(s, at, i, j))), real)))));
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

    /** {@code body(i, j)} over a shape's elements (a scalar: once, at constant indices). */
    private List<Stmt> each(Shape s, java.util.function.BiFunction<Expr, Expr, List<Stmt>> body) {
        // a matrix's loops stay loops: its params and gradients are arrays, and an unrolled
        // update of a 16 × 16 weight would fill a method on its own
        return s.isMatrix() ? emit.forEachLooped(s, body) : emit.forEach(s, body);
    }

    /** Indices of element (i, j) in an array holding shape {@code s} (a scalar: [0]). */
    private static List<Expr> index(Shape s, Expr i, Expr j) {
        return s.isMatrix() ? List.of(i, j) : s.isVector() ? List.of(i) : List.of(Code.index(0));
    }

    /** {@code offset + i·cols + j} as an int expression. */
    private static Expr flat(Shape s, int offset, Expr i, Expr j) {
        if (s.isScalar()) {
            return Code.index(offset);
        }
        Expr k = s.isVector() ? i : new Expr.Binary(Expr.BinaryOp.ADD,
                new Expr.Binary(Expr.BinaryOp.MUL, i, Code.index(s.cols())), j);
        return offset == 0 ? k : new Expr.Binary(Expr.BinaryOp.ADD, Code.index(offset), k);
    }



    /** Named derivatives whose node lives in another field: {@code d_a = d_c}, a block each. */
    private List<List<Stmt>> copies(Map<String, Integer> nodes, Map<String, String> fields) {
        List<List<Stmt>> out = new ArrayList<>();
        fields.forEach((name, own) -> {
            int node = nodes.get(name);
            if (!own.equals(storage.field(node))) {
                Shape s = g.shape(node);
                out.add(each(s, (i, j) -> List.of(storage.write(node, own, i, j,
                        storage.read(node, null, i, j)))));
            }
        });
        return out;
    }

    /**
     * The values of {@code nodes}, flattened one after another into {@code param}: one block
     * per node.
     */
    private List<List<Stmt>> export(List<Integer> nodes, String param) {
        List<List<Stmt>> out = new ArrayList<>();
        int offset = 0;
        for (int node : nodes) {
            out.add(exportOne(node, null, param, offset));
            offset += g.shape(node).size();
        }
        return out;
    }

    private List<List<Stmt>> exportNamed(Map<String, String> fields) {
        List<List<Stmt>> out = new ArrayList<>();
        int offset = 0;
        for (String name : g.info().names()) {
            int node = g.value(name);
            String own = fields.get(name);
            if (own != null) {
                Map<String, Integer> source = fields == storage.adjointFields ? g.adjoints()
                        : g.tangents();
                out.add(exportOne(source.get(name), own, "out", offset));
            }
            offset += g.shape(node).size();
        }
        return out;
    }

    private List<Stmt> exportOne(int node, String fieldName, String param, int offset) {
        Shape s = g.shape(node);
        return each(s, (i, j) -> List.of(new Stmt.Store(new ArrayRef.Parameter(param),
                List.of(flat(s, offset, i, j)),
                Code.convert(storage.read(node, fieldName, i, j), Type.DOUBLE))));
    }

    private int width(Role role) {
        return g.leaves(role).stream().mapToInt(n -> n.shape().size()).sum();
    }











    /**
     * {@code target += g xᵀ} (or, with {@code step}, {@code target -= step · g xᵀ}) for a fused
     * outer product: the layer form's kernels, over the rows x's nonzero list names.
     */
    private List<Stmt> addOuter(Node outer, ArrayRef target, Shape s, Expr step) {
        int gv = outer.input(0);
        int xv = outer.input(1);
        java.util.function.Function<Expr, Expr> gk = k -> emit.element(gv, k, null);
        java.util.function.Function<Expr, Expr> xk = k -> emit.element(xv, k, null);
        return step == null
                ? DenseKernels.accumulateOuter(target, gk, xk, s.rows(), s.cols(),
                        DenseChoices.unrollDense(s), GraphEmit.ROW_BLOCK, storage.nonZeros(xv), real)
                : DenseKernels.descendOuter(target, step, gk, xk, s.rows(), s.cols(),
                        DenseChoices.unrollDense(s), GraphEmit.ROW_BLOCK, storage.nonZeros(xv), real);
    }



    /** The statements that list a just-computed vector's nonzero elements, if it has a list. */
    private List<Stmt> list(Node n) {
        Storage.NonZeros list = storage.nonZeros(n.id());
        return list == null ? List.of() : DenseKernels.listNonZeros(list,
                k -> emit.element(n.id(), k, null), n.shape().rows(), real);
    }
}
