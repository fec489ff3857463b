package dev.chainrule.lower;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import dev.chainrule.spec.Loss;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lowers the optimized IR of one network into the {@link LoweredClass} both backends read. It
 * schedules each value into the method that needs it first ({@code forward} for what the output
 * and loss need without the target, {@code lossOf} for the rest of the loss, {@code backward}
 * for what only gradients need), gives each vector a field, accumulates weight gradients without
 * materializing outer products, and splits methods that would exceed the JIT's size limit.
 */
public final class Lowering {

    private static final String[] RESERVED = {"x", "t", "y", "step", "i", "j", "o", "ai", "acc",
        "row", "gradRow", "CHAINRULE_HEADER"};

    private final NetworkSpec spec;
    private final Graph graph;
    private final LoweringPolicy policy;
    private final Type real;
    private final Names names = new Names(reserved());
    private final Storage storage;
    private final OpLowering ops;
    private final List<LoweredField> fields = new ArrayList<>();
    private final Map<String, ArrayRef> parameterOf = new LinkedHashMap<>();
    private final Map<String, ArrayRef> gradientOf = new LinkedHashMap<>();
    private final Mirrors mirrors;

    private static String[] reserved() {
        List<String> all = new ArrayList<>(List.of(RESERVED));
        all.addAll(DenseKernels.LOCALS);
        return all.stream().distinct().toArray(String[]::new);
    }

    private Lowering(NetworkSpec spec, Graph graph, LoweringPolicy policy) {
        this.spec = spec;
        this.graph = graph;
        this.policy = policy;
        this.real = Type.real(spec.precision() == Precision.DOUBLE);
        this.storage = new Storage(graph, real);
        this.ops = new OpLowering(storage, policy, names);
        this.mirrors = new Mirrors(graph, storage, policy, names, fields, ops.dense());
    }

    /**
     * @param graph the optimized forward + backward graph of {@code spec}
     * @param header comment lines for the generated class
     */
    public static LoweredClass lower(NetworkSpec spec, Graph graph, List<String> header,
                                     LoweringPolicy policy, CodeSizeMeter meter) {
        return new Lowering(spec, graph, policy).lower(header, meter);
    }

    private LoweredClass lower(List<String> header, CodeSizeMeter meter) {
        boolean[] needsTarget = dependsOnTarget();
        int[] uses = graph.useCounts();
        boolean[] forOutput = reachable(List.of(Graph.OUTPUT, Graph.LOSS));
        boolean[] forLoss = reachable(List.of(Graph.LOSS));
        boolean[] forGradients = reachable(graph.outputs().keySet().stream()
                .filter(n -> n.startsWith(Graph.GRADIENT_PREFIX)).toList());

        List<String> parameterFields = new ArrayList<>();
        List<String> gradientFields = new ArrayList<>();
        StringBuilder parameterSpec = new StringBuilder();
        for (Value p : graph.parameters()) {
            placeParameter(p, parameterFields, gradientFields, parameterSpec);
        }
        placeArray(inputId(), "input", "the input, in the network's precision");

        List<List<Stmt>> forward = new ArrayList<>();
        List<List<Stmt>> loss = new ArrayList<>();
        List<List<Stmt>> backward = new ArrayList<>();
        // Batch 1 needs no accumulator: the same backward pass, with each gradient applied to
        // its weight directly, after every delta is known (deltas still read the old weights).
        List<List<Stmt>> fused = new ArrayList<>();
        List<List<Stmt>> fusedUpdates = new ArrayList<>();
        List<Value> gradients = new ArrayList<>();
        // Lists are made where their vector is computed (the input: as the sample is loaded)
        // and read by every later loop over that vector's rows.
        for (Value v : graph.values()) {
            if (ops.dense().listsNonZeros(v)) {
                listNonZeros(v.input(1));
            }
        }
        forward.add(loadInput());
        for (Value v : graph.values()) {
            if (!isComputed(v)) {
                continue;
            }
            if (readOnceByAProduct(v, uses)) {
                storage.inline(v.id(), ops.derivative(v));
                continue;
            }
            int id = v.id();
            int sameAs = ops.dense().reluMaskedProduct(v);
            if (sameAs >= 0) {
                storage.place(id, storage.array(sameAs));
                List<Stmt> note = List.of(new Stmt.Comment(describe(v) + ": not computed, it"
                        + " equals " + graph.value(sameAs).label() + " (relu′ is 1 on every row"
                        + " computed there, and the others are 0)"));
                backward.add(note);
                fused.add(note);
            } else if (forOutput[id] && !needsTarget[id]) {
                forward.addAll(compute(v));
            } else if (forLoss[id]) {
                loss.addAll(compute(v));
            } else if (forGradients[id]) {
                List<List<Stmt>> blocks = compute(v);
                backward.addAll(blocks);
                fused.addAll(blocks);
            }
            List<Stmt> accumulate = applyGradients(v, false);
            if (!accumulate.isEmpty()) {
                backward.add(accumulate);
                gradients.add(v);
            }
        }
        // After the loop: a weight's mirror is planned where its Wᵀg is, which may come later.
        for (Value v : gradients) {
            fusedUpdates.add(applyGradients(v, true));
            List<Stmt> mirrorUpdate = mirrors.update(v);
            if (!mirrorUpdate.isEmpty()) {
                fusedUpdates.add(mirrorUpdate);
            }
        }
        backward.addAll(0, mirrors.refresh());
        fused.addAll(0, mirrors.refresh());
        fused.addAll(fusedUpdates);

        LoweredClass context = new LoweredClass(spec.packageName(), spec.name(), header,
                spec.name(), spec.inputSize(), spec.outputSize(),
                spec.precision() == Precision.DOUBLE, spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY,
                parameterSpec.toString(), parameterFields, gradientFields, fields, List.of());
        MethodSplitter splitter = new MethodSplitter(meter, policy.methodBudgetBytes());
        List<LoweredMethod> methods = new ArrayList<>();
        methods.addAll(splitter.split(context, method("forward", "x", forward,
                "Computes every activation of one sample."), forward));
        methods.add(lossMethod(loss));
        methods.add(outputMethod());
        methods.addAll(splitter.split(context, method("backward", "t", backward,
                "Back-propagates one sample and adds its gradient to the accumulators."), backward));
        methods.addAll(splitter.split(context, new LoweredMethod("backwardAndUpdate", true,
                List.of(new LoweredMethod.Param("t", true), new LoweredMethod.Param("step", false)),
                null, flatten(fused), "One sample's SGD step: back-propagates and applies"
                        + " w -= step · gradient without accumulating."), fused));
        List<List<Stmt>> update = updateBlocks();
        if (!mirrors.isEmpty()) {
            update.add(mirrors.stale());
            methods.add(new LoweredMethod("parametersChanged", true, List.of(), null,
                    mirrors.stale(), "The runtime changed weights: the mirrors must be"
                    + " refreshed before the next backward pass."));
        }
        methods.addAll(splitter.split(context, new LoweredMethod("update", true,
                List.of(new LoweredMethod.Param("step", false)), null, flatten(update),
                "w -= step · gradient, then clears the gradient."), update));
        List<List<Stmt>> clear = clearBlocks();
        methods.addAll(splitter.split(context, new LoweredMethod("clearGradients", true, List.of(),
                null, flatten(clear), "Sets every gradient accumulator to zero."), clear));
        return new LoweredClass(context.packageName(), context.simpleName(), header,
                context.networkName(), context.inputSize(), context.outputSize(),
                context.doublePrecision(), context.classifier(), context.parameterSpec(),
                parameterFields, gradientFields, fields, methods);
    }

    private void placeParameter(Value p, List<String> parameterFields, List<String> gradientFields,
                                StringBuilder parameterSpec) {
        String name = p.op().parameter();
        boolean matrix = p.shape().isMatrix();
        // Weights are stored transposed, one row per input, so the hot loops are axpy.
        List<Integer> dims = matrix ? List.of(p.shape().cols(), p.shape().rows())
                : List.of(p.shape().rows());
        String shapeText = matrix ? p.shape().rows() + "x" + p.shape().cols()
                : String.valueOf(p.shape().rows());
        String field = names.unique(name);
        String gradient = names.unique("grad " + name);
        fields.add(new LoweredField(field, real, dims, name + " " + shapeText
                + (matrix ? ", stored [in][out]" : "")));
        fields.add(new LoweredField(gradient, real, dims, "gradient of " + name + ", summed over the batch"));
        storage.place(p.id(), new ArrayRef.Field(field, real, dims.size()));
        parameterOf.put(name, storage.array(p.id()));
        gradientOf.put(name, new ArrayRef.Field(gradient, real, dims.size()));
        parameterFields.add(field);
        gradientFields.add(gradient);
        if (parameterSpec.length() > 0) {
            parameterSpec.append(';');
        }
        String init = spec.parameter(name).orElseThrow().initializer().spelling();
        parameterSpec.append(name).append(' ').append(shapeText).append(' ')
                .append(matrix ? "in_out" : "vector").append(' ').append(init);
    }

    /** Fields where the forward pass lists vector {@code id}'s nonzero elements. */
    private void listNonZeros(int id) {
        if (storage.nonZeros(id) == null) {
            Value v = graph.value(id);
            storage.listNonZeros(id, Storage.NonZeros.declare(v.label() == null ? "v" + id
                    : v.label(), v.shape().rows(), "listed where it is computed", names, fields));
        }
    }

    private void placeArray(int id, String name, String comment) {
        int n = graph.value(id).shape().rows();
        if (scalarizable(id)) {
            List<String> elements = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                String field = names.unique(name + " " + k);
                fields.add(new LoweredField(field, real, List.of(), k == 0 ? comment
                        + " (one field per element)" : comment + " [" + k + "]"));
                elements.add(field);
            }
            storage.place(id, new ArrayRef.Scalars(Names.sanitize(name), real, elements));
            return;
        }
        String field = names.unique(name);
        fields.add(new LoweredField(field, real, List.of(n), comment));
        storage.place(id, new ArrayRef.Field(field, real, 1));
    }

    /**
     * Whether every op that reads or writes vector {@code id} is straight-line code, so each
     * element can be a scalar field: no array header, null check or bounds check.
     */
    private boolean scalarizable(int id) {
        Value v = graph.value(id);
        if (!policy.unrollElementwise(v.shape().rows()) || !straightLine(v)) {
            return false;
        }
        return graph.values().stream().noneMatch(u -> u.inputs().contains(id)
                && !straightLine(u));
    }

    private boolean straightLine(Value u) {
        return switch (u.op().kind()) {
            case MATVEC -> policy.unrollDense(u.shape().rows(),
                    graph.value(u.input(1)).shape().rows());
            case MATTVEC -> policy.unrollDense(graph.value(u.input(0)).shape().rows(),
                    u.shape().rows());
            case OUTER -> policy.unrollDense(u.shape().rows(), u.shape().cols());
            default -> true;
        };
    }

    /**
     * An activation derivative whose only reader is the product with its adjoint: computed
     * inside that product rather than stored in an array of its own.
     */
    private boolean readOnceByAProduct(Value v, int[] uses) {
        Op.Kind kind = v.op().kind();
        boolean derivative = kind == Op.Kind.SIGMOID_DERIVATIVE || kind == Op.Kind.TANH_DERIVATIVE
                || kind == Op.Kind.RELU_DERIVATIVE;
        return derivative && uses[v.id()] == 1 && graph.values().stream().anyMatch(u ->
                u.op().kind() == Op.Kind.MUL && u.inputs().contains(v.id()));
    }

    private static boolean isComputed(Value v) {
        return switch (v.op().kind()) {
            case INPUT, TARGET, PARAMETER, CONSTANT -> false;
            default -> true;
        };
    }

    /**
     * Places value {@code v} and returns the blocks that compute it: over a weight's mirror for
     * a mirrored {@code Wᵀg}, else its op's lowering followed by its nonzero list, if it has one.
     */
    private List<List<Stmt>> compute(Value v) {
        if (v.op().kind() == Op.Kind.OUTER) {
            return List.of(); // never materialized: accumulated into its gradient
        }
        if (v.shape().isScalar()) {
            storage.placeScalar(v.id(), names.unique(v.label() == null ? "s" : v.label()));
        } else {
            placeArray(v.id(), v.label() == null ? "v" + v.id() : v.label(), describe(v));
            if (v.op().kind() == Op.Kind.SOFTMAX) {
                String field = storage.array(v.id()).name();
                fields.add(new LoweredField(OpLowering.logSumExpLabel(field), real, List.of(),
                        "logsumexp of the softmax's input, for the cross-entropy"));
            }
        }
        if (mirrors.applies(v)) {
            return mirrors.matTVec(v, describe(v));
        }
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Comment(describe(v)));
        out.addAll(ops.lower(v));
        Storage.NonZeros list = storage.nonZeros(v.id());
        if (list != null) {
            out.addAll(DenseKernels.listNonZeros(list, k -> storage.element(v.id(), k),
                    v.shape().rows(), real));
        }
        return List.of(out);
    }

    /**
     * Statements adding the gradients that value {@code v} is into their accumulators, or, when
     * {@code direct}, subtracting {@code step ·} them from their parameters.
     */
    private List<Stmt> applyGradients(Value v, boolean direct) {
        List<Stmt> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : graph.outputs().entrySet()) {
            if (e.getValue() != v.id() || !e.getKey().startsWith(Graph.GRADIENT_PREFIX)) {
                continue;
            }
            String parameter = e.getKey().substring(Graph.GRADIENT_PREFIX.length());
            boolean outer = v.op().kind() == Op.Kind.OUTER;
            if (direct) {
                ArrayRef weight = parameterOf.get(parameter);
                Expr step = Code.convert(Code.local("step", Type.DOUBLE), real);
                out.add(new Stmt.Comment(parameter + " -= step · " + describeInline(v)));
                out.addAll(outer ? ops.dense().descendOuter(v, weight, step)
                        : ops.descendVector(v.id(), weight, step));

            } else {
                ArrayRef gradient = gradientOf.get(parameter);
                out.add(new Stmt.Comment("gradient of " + parameter + " += " + describeInline(v)));
                out.addAll(outer ? ops.dense().accumulateOuter(v, gradient)
                        : ops.dense().accumulateVector(v.id(), gradient));
            }
        }
        return out;
    }

    private List<Stmt> loadInput() {
        ArrayRef input = storage.array(inputId());
        int n = spec.inputSize();
        List<Stmt> out = new ArrayList<>();
        Storage.NonZeros list = storage.nonZeros(inputId());
        if (list != null) {
            // Only listed elements are ever read (the first layer's rows, its weight gradient),
            // so only they are rounded and stored.
            ArrayRef x = new ArrayRef.Parameter("x");
            out.addAll(DenseKernels.listNonZeros(list, k -> Code.load(x, k), n, Type.DOUBLE));
            out.add(new Stmt.Comment("those entries of the input, rounded once to the network's"
                    + " precision: nothing reads the others"));
            out.addAll(DenseKernels.rowBlocks(list, n, 1, is -> List.of(Code.store(input,
                    is.get(0), Code.convert(Code.load(x, is.get(0)), real)))));
            return out;
        }
        out.add(new Stmt.Comment("input, rounded once to the network's precision"));
        out.addAll(Code.each("j", n, policy.unrollElementwise(n), k -> List.of(Code.store(input, k,
                Code.convert(Code.load(new ArrayRef.Parameter("x"), k), real)))));
        return out;
    }

    private LoweredMethod lossMethod(List<List<Stmt>> blocks) {
        List<Stmt> body = flatten(blocks);
        String local = storage.scalar(graph.outputs().get(Graph.LOSS));
        body.add(new Stmt.Return(Code.convert(Code.local(local, real), Type.DOUBLE)));
        return new LoweredMethod("lossOf", true, List.of(new LoweredMethod.Param("t", true)),
                Type.DOUBLE, body, "The loss of the last forward pass against target t.");
    }

    private LoweredMethod outputMethod() {
        ArrayRef out = storage.array(graph.outputs().get(Graph.OUTPUT));
        int n = spec.outputSize();
        List<Stmt> body = Code.each("j", n, policy.unrollElementwise(n), k -> List.of(
                Code.store(new ArrayRef.Parameter("y"), k, Code.convert(Code.load(out, k), Type.DOUBLE))));
        return new LoweredMethod("output", true, List.of(new LoweredMethod.Param("y", true)), null,
                body, "Copies the output of the last forward pass into y.");
    }

    private List<List<Stmt>> updateBlocks() {
        List<List<Stmt>> blocks = new ArrayList<>();
        Expr step = Code.convert(Code.local("step", Type.DOUBLE), real);
        for (Value p : graph.parameters()) {
            String name = p.op().parameter();
            ArrayRef w = storage.array(p.id());
            ArrayRef g = gradientOf.get(name);
            List<Stmt> block = new ArrayList<>();
            block.add(new Stmt.Comment(name + " -= step · gradient"));
            if (p.shape().isMatrix()) {
                block.addAll(DenseKernels.updateMatrix(w, g, p.shape().cols(), p.shape().rows(),
                        policy.unrollDense(p.shape().rows(), p.shape().cols()), step, real));
            } else {
                block.addAll(DenseKernels.updateVector(w, g, p.shape().rows(),
                        policy.unrollElementwise(p.shape().rows()), step, real));
            }
            blocks.add(block);
        }
        return blocks;
    }

    private List<List<Stmt>> clearBlocks() {
        List<List<Stmt>> blocks = new ArrayList<>();
        for (Value p : graph.parameters()) {
            ArrayRef g = gradientOf.get(p.op().parameter());
            Expr zero = Code.constant(real, 0);
            if (p.shape().isMatrix()) {
                int rows = p.shape().cols();
                int cols = p.shape().rows();
                blocks.add(List.of(new Stmt.For("i", 0, rows, List.of(new Stmt.For("o", 0, cols,
                        List.of(Code.store(g, Code.local("i", Type.INT), Code.local("o", Type.INT), zero)))))));
            } else {
                blocks.add(List.of(new Stmt.For("j", 0, p.shape().rows(), List.of(
                        Code.store(g, Code.local("j", Type.INT), zero)))));
            }
        }
        return blocks;
    }

    /** A void override taking one {@code double[]}. */
    private static LoweredMethod method(String name, String param, List<List<Stmt>> blocks,
                                        String comment) {
        return new LoweredMethod(name, true, List.of(new LoweredMethod.Param(param, true)), null,
                flatten(blocks), comment);
    }

    private static List<Stmt> flatten(List<List<Stmt>> blocks) {
        List<Stmt> out = new ArrayList<>();
        blocks.forEach(out::addAll);
        return out;
    }

    private String describe(Value v) {
        return (v.label() == null ? "%" + v.id() : v.label()) + " = " + describeInline(v)
                + "  " + v.shape();
    }

    private String describeInline(Value v) {
        String args = v.inputs().stream().map(in -> {
            Value u = graph.value(in);
            return u.label() == null ? "%" + in : u.label();
        }).collect(Collectors.joining(", "));
        return v.op().mnemonic() + "(" + args + ")";
    }

    private int inputId() {
        return graph.values().stream().filter(v -> v.op().kind() == Op.Kind.INPUT)
                .findFirst().orElseThrow().id();
    }

    private boolean[] dependsOnTarget() {
        boolean[] needs = new boolean[graph.values().size()];
        for (Value v : graph.values()) {
            needs[v.id()] = v.op().kind() == Op.Kind.TARGET
                    || v.inputs().stream().anyMatch(in -> needs[in]);
        }
        return needs;
    }

    private boolean[] reachable(List<String> outputs) {
        boolean[] live = new boolean[graph.values().size()];
        for (String name : outputs) {
            live[graph.outputs().get(name)] = true;
        }
        for (int id = live.length - 1; id >= 0; id--) {
            if (live[id]) {
                for (int in : graph.value(id).inputs()) {
                    live[in] = true;
                }
            }
        }
        return live;
    }
}
