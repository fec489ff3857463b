package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Emit;
import dev.chainrule.graph.op.Indices;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The {@link Emit} that graph ops lower through: elements of values in their storage. */
final class GraphEmit implements Emit {

    private final Graph g;
    private final GraphStorage storage;
    private final Type real;
    private WeightMirrors mirrors;
    /** Values with no field: their element is their op's expression, read in place. */
    private final boolean[] fused;
    private int depth;
    /** The product of the trip counts of the unrolled loops around the current statement. */
    private int unrolled = 1;

    /** Copies of a body nested unrolled loops may make: 256 covers 16 × 16. */
    static final int MAX_UNROLLED = 256;

    GraphEmit(Graph g, GraphStorage storage, Type real, boolean[] fused) {
        this.g = g;
        this.storage = storage;
        this.real = real;
        this.fused = fused;
    }

    /** Softmax node → the field that keeps its log Σ exp; loss node → the same field. */
    private final java.util.Map<Integer, String> keptLogSumExp = new java.util.HashMap<>();

    /** Softmax {@code softmax} keeps its log Σ exp in a field that loss {@code loss} reads. */
    void pairLogSumExp(int softmax, int loss) {
        String field = keptLogSumExp.computeIfAbsent(softmax, s -> storage.addScalar(
                storage.field(s) + "_logsumexp", real, "log Σ exp of " + storage.field(s)
                        + "'s input, kept for the loss"));
        keptLogSumExp.put(loss, field);
    }

    @Override public Stmt keepLogSumExp(Node y, Expr lse) {
        String field = keptLogSumExp.get(y.id());
        return field == null ? null : new Stmt.StoreScalarField(field, lse);
    }

    @Override public Expr keptLogSumExp(Node y) {
        String field = keptLogSumExp.get(y.id());
        return field == null ? null : new Expr.ScalarField(field, real);
    }

    /** Lets {@link #rowDots} run over mirrors (set once, before lowering any op). */
    void useMirrors(WeightMirrors m) {
        this.mirrors = m;
    }

    @Override public Type real() {
        return real;
    }

    @Override public Expr constant(double value) {
        return new Expr.Const(real, value);
    }

    @Override public Expr element(int id, Expr i, Expr j) {
        if (fused[id]) {
            Node n = g.node(id);
            return ((dev.chainrule.graph.op.Elementwise) n.op()).element(this, n, i, j);
        }
        return storage.read(id, null, i, j);
    }

    @Override public Expr broadcastElement(int id, Shape result, Expr i, Expr j) {
        Shape s = g.shape(id);
        if (s.isScalar()) {
            return element(id, null, null);
        }
        if (result.isFlat()) {
            return s.equals(result) ? element(id, i, null) : flatSource(id, s, result, i);
        }
        // align trailing dimensions; a dimension of 1 facing a longer one repeats element 0
        Expr last = result.isMatrix() ? j : i;
        int lastLength = result.isMatrix() ? result.cols() : result.rows();
        if (s.isVector()) {
            return element(id, s.rows() == 1 && lastLength > 1 ? index(0) : last, null);
        }
        Expr row = s.rows() == 1 && result.rows() > 1 ? index(0) : i;
        Expr col = s.cols() == 1 && result.cols() > 1 ? index(0) : j;
        return element(id, row, col);
    }

    /**
     * The element of {@code s} that element {@code k} (flat) of a broadcast result of rank 3 or
     * 4 reads: each of the result's dimensions that {@code s} does not repeat is recovered as
     * {@code k / stride % length} and placed at {@code s}'s own stride.
     */
    private Expr flatSource(int id, Shape s, Shape result, Expr k) {
        int offset = result.rank() - s.rank();
        List<Expr> at = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            int r = d + offset;
            at.add(s.dim(d) == 1 ? index(0)
                    : Indices.rem(Indices.div(k, result.stride(r)), result.dim(r), r == 0));
        }
        if (s.isMatrix()) {
            return element(id, at.get(0), at.get(1));
        }
        Expr flat = index(0);
        for (int d = 0; d < s.rank(); d++) {
            flat = d == 0 ? at.get(0) : Indices.add(Indices.mul(flat, s.dim(d)), at.get(d));
        }
        return element(id, flat, null);
    }

    @Override public Stmt store(Node y, Expr i, Expr j, Expr value) {
        return storage.write(y.id(), null, i, j, value);
    }

    @Override public List<Stmt> forEach(Shape shape, BiFunction<Expr, Expr, List<Stmt>> body) {
        if (shape.isScalar()) {
            return body.apply(index(0), index(0));
        }
        if (shape.isVector() || shape.isFlat()) {
            return loop(0, shape.rows(), i -> body.apply(i, null));
        }
        return loop(0, shape.rows(), i -> loop(0, shape.cols(), j -> body.apply(i, j)));
    }

    @Override public List<Stmt> loop(int from, int to, Function<Expr, List<Stmt>> body) {
        int n = to - from;
        if (n <= 0 || n > GraphStorage.MAX_SCALARS || unrolled * n > MAX_UNROLLED) {
            return rolledLoop(from, to, body);
        }
        // short loops are straight-line code (so vectors this short can be scalar fields);
        // nested ones only while a block stays far below the JIT's limit
        depth++;
        unrolled *= n;
        try {
            List<Stmt> out = new ArrayList<>();
            for (int k = from; k < to; k++) {
                out.addAll(body.apply(index(k)));
            }
            return out;
        } finally {
            unrolled /= n;
            depth--;
        }
    }

    @Override public List<Stmt> rolledLoop(int from, int to, Function<Expr, List<Stmt>> body) {
        if (to - from <= 0) {
            return List.of();
        }
        String var = GraphStorage.LOOP_VARS[depth];
        depth++;
        try {
            return List.of(new Stmt.For(var, from, to, body.apply(new Expr.Local(var, Type.INT))));
        } finally {
            depth--;
        }
    }

    /** {@code body(i, j)} over a shape's elements (a scalar: once, at constant indices). */
    List<Stmt> each(Shape s, java.util.function.BiFunction<Expr, Expr, List<Stmt>> body) {
        // a matrix's loops stay loops: its params and gradients are arrays, and an unrolled
        // update of a 16 × 16 weight would fill a method on its own
        return s.isMatrix() ? forEachLooped(s, body) : forEach(s, body);
    }

    /** Indices of element (i, j) in an array holding shape {@code s} (a scalar: [0]). */
    static List<Expr> index(Shape s, Expr i, Expr j) {
        return s.isMatrix() ? List.of(i, j) : s.isScalar() ? List.of(Code.index(0)) : List.of(i);
    }

    /** {@code body(i, j)} over a matrix in counted loops, never unrolled (param updates). */
    List<Stmt> forEachLooped(Shape shape, BiFunction<Expr, Expr, List<Stmt>> body) {
        String i = GraphStorage.LOOP_VARS[depth];
        String j = GraphStorage.LOOP_VARS[depth + 1];
        return List.of(new Stmt.For(i, 0, shape.rows(), List.of(new Stmt.For(j, 0, shape.cols(),
                body.apply(new Expr.Local(i, Type.INT), new Expr.Local(j, Type.INT))))));
    }

    @Override public ArrayRef.Field kernelArray(int id) {
        Node n = g.node(id);
        Shape s = n.shape();
        if (real != Type.FLOAT || fused[id] || storage.field(id) == null || storage.inlined(n)
                || !(s.isFlat() || s.isVector())) {
            return null;
        }
        return s.isFlat() ? new ArrayRef.Field(storage.field(id), real, 1)
                : storage.vector(id) instanceof ArrayRef.Field f ? f : null;
    }

    /** Scratch fields by value and purpose: a value lowered twice (forward, evaluate) has one. */
    private final java.util.Map<String, ArrayRef.Field> scratch = new java.util.HashMap<>();

    @Override public ArrayRef.Field scratch(Node y, String what, Type type, int length) {
        String label = storage.field(y.id()) + "_" + what;
        String comment = "scratch of the kernels computing " + storage.field(y.id());
        return scratch.computeIfAbsent(label, l -> type == Type.INT
                ? storage.addIntArray(l, length, comment)
                : storage.addArray(l, List.of(length), comment));
    }

    @Override public Shape shapeOf(int id) {
        return g.shape(id);
    }

    @Override public Expr math(Expr.MathFunction f, Expr x) {
        return Code.math(f, x);
    }

    @Override public Stmt declare(String name, Expr init) {
        return new Stmt.Declare(name, init.type(), init);
    }

    @Override public Expr local(String name) {
        return new Expr.Local(name, real);
    }

    @Override public Stmt assign(String name, Expr value) {
        return new Stmt.Assign(name, value);
    }

    @Override public Stmt scope(List<Stmt> body) {
        return new Stmt.Scope(new ArrayList<>(body));
    }

    @Override public Expr index(int k) {
        return Code.index(k);
    }

    @Override public boolean transposed(int id) {
        return storage.transposed(id);
    }

    @Override public List<Stmt> columnSum(Node y, int w, int x) {
        // The layer form's kernel: several rows per pass over y, rows of zero inputs skipped
        // through x's nonzero list; straight-line code when everything is short.
        return DenseKernels.matVec(storage.vector(y.id()), storage.array(w),
                k -> element(x, k, null), g.shape(w).rows(), g.shape(w).cols(),
                DenseChoices.unrollDense(g.shape(w)), PRODUCT_BLOCK, storage.nonZeros(x), real);
    }

    @Override public List<Stmt> rowDots(Node y, int gv, int w) {
        if (mirrors != null && mirrors.mirrored(w)) {
            return mirrors.product(storage.vector(y.id()), w, gv, storage.mask(y.id()));
        }
        return DenseKernels.matTVec(storage.vector(y.id()), storage.array(w),
                k -> element(gv, k, null), g.shape(w).rows(), g.shape(w).cols(),
                DenseChoices.unrollDense(g.shape(w)), ROW_BLOCK, storage.mask(y.id()), real);
    }

    /** Rows per pass of the kernels that store or sum each row ({@link DenseKernels}). */
    static final int ROW_BLOCK = LoweringPolicy.DEFAULT.rowBlock();
    /** Rows per pass of the kernels that add rows into one vector ({@link DenseKernels}). */
    static final int PRODUCT_BLOCK = LoweringPolicy.DEFAULT.productBlock();

}
