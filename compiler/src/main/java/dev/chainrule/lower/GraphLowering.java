package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

        LeafLoads loads = new LeafLoads(g, storage, emit, real, fusedOuter, mirrors);
        ParamSteps steps = ParamSteps.build(g, storage, emit, real, fusedOuter, mirrors,
                holdOuters ? pending : null);

        List<List<Stmt>> forwardBody = new ArrayList<>();
        forwardBody.addAll(loads.load(Role.INPUT, "inputs", true));
        forwardBody.addAll(compute(forward));
        List<List<Stmt>> lossBody = new ArrayList<>(loads.load(Role.TARGET, "targets", false));
        lossBody.addAll(compute(lossPart));
        List<List<Stmt>> backwardBody = new ArrayList<>(compute(backward));
        backwardBody.addAll(steps.accumulate());
        List<List<Stmt>> descendBody = new ArrayList<>(compute(backward));
        descendBody.addAll(steps.descend());
        List<List<Stmt>> evaluateBody = new ArrayList<>();
        evaluateBody.addAll(loads.load(Role.INPUT, "inputs", false));
        evaluateBody.addAll(loads.load(Role.TARGET, "targets", false));
        evaluateBody.addAll(compute(values));
        List<List<Stmt>> reverseBody = new ArrayList<>();
        for (Node seed : g.leaves(Role.ADJOINT_SEED)) {
            reverseBody.add(List.of(new Stmt.Comment("seed: d " + g.info().output() + " / d "
                    + g.info().output() + " = 1"), emit.store(seed, null, null, emit.constant(1))));
        }
        reverseBody.addAll(compute(reverse));
        reverseBody.addAll(copies(g.adjoints(), storage.adjointFields));
        List<List<Stmt>> tangentBody = new ArrayList<>();
        tangentBody.addAll(loads.load(Role.TANGENT_SEED, "seed", false));
        tangentBody.addAll(compute(tangent));
        tangentBody.addAll(copies(g.tangents(), storage.tangentFields));

        String layout = RuntimeLayouts.graph(g);
        int outputSize = g.shape(output).size();
        LoweredClass context = new LoweredClass(g.info().packageName(), g.info().className(),
                g.info().header(), g.info().className(), width(Role.INPUT), outputSize,
                g.info().doublePrecision(), g.info().classifier(), steps.parameterSpec(),
                steps.parameterFields(),
                steps.gradientFields(), storage.fields(), List.of(), List.of(), layout,
                steps.rowMarkFields(), g.info().trainingSettings());
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
        List<Stmt> clear = new ArrayList<>(steps.clear());
        if (!pending.isEmpty()) {
            clear.addAll(pending.drop());
            updateBody.add(List.of(new Stmt.Call("finishGradients")));
            methods.add(new LoweredMethod("finishGradients", true, List.of(), null,
                    pending.flush(), "Adds the samples held back from the accumulators."));
        }
        updateBody.addAll(steps.update()); // one block per param: splitting may cut between
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

    /** {@code offset + i·cols + j} as an int expression. */
    static Expr flat(Shape s, int offset, Expr i, Expr j) {
        if (s.isScalar()) {
            return Code.index(offset);
        }
        Expr k = !s.isMatrix() ? i : new Expr.Binary(Expr.BinaryOp.ADD,
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
                out.add(emit.each(s, (i, j) -> List.of(storage.write(node, own, i, j,
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
        return emit.each(s, (i, j) -> List.of(new Stmt.Store(new ArrayRef.Parameter(param),
                List.of(flat(s, offset, i, j)),
                Code.convert(storage.read(node, fieldName, i, j), Type.DOUBLE))));
    }

    private int width(Role role) {
        return g.leaves(role).stream().mapToInt(n -> n.shape().size()).sum();
    }











    /** The statements that list a just-computed vector's nonzero elements, if it has a list. */
    private List<Stmt> list(Node n) {
        Storage.NonZeros list = storage.nonZeros(n.id());
        return list == null ? List.of() : DenseKernels.listNonZeros(list,
                k -> emit.element(n.id(), k, null), n.shape().rows(), real);
    }
}
