package dev.chainrule.lower;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The [out][in] mirrors of one class's hidden weights ({@link MirrorKernels}): which weights
 * get one, their fields, and the statements that use, update and refresh them. A flag field
 * says whether every mirror equals its weight; {@code update} and the runtime's
 * {@code parametersChanged} clear it, and {@code backward} and the batch-1 step copy the
 * weights again if it is clear (once per minibatch, or after the runtime changed them).
 */
final class Mirrors {

    /** A weight's mirror, the list of its adjoint's nonzeros, and a scratch vector. */
    private record Mirror(ArrayRef weight, ArrayRef array, int adjoint,
                          Storage.NonZeros adjointNonZeros, int rows, int cols) {}

    private final Graph graph;
    private final Storage storage;
    private final LoweringPolicy policy;
    private final Names names;
    private final List<LoweredField> fields;
    private final DenseOpLowering dense;
    private final Type real;
    private final Map<String, Mirror> byParameter = new LinkedHashMap<>();
    private String current;

    /** @param fields the class's fields, to which mirrors add theirs */
    Mirrors(Graph graph, Storage storage, LoweringPolicy policy, Names names,
            List<LoweredField> fields, DenseOpLowering dense) {
        this.graph = graph;
        this.storage = storage;
        this.policy = policy;
        this.names = names;
        this.fields = fields;
        this.dense = dense;
        this.real = storage.real();
    }

    boolean isEmpty() {
        return byParameter.isEmpty();
    }

    /**
     * Whether {@code Wᵀg} value {@code v} is computed over a mirror of W: for layers large
     * enough to be loops, when the policy allows it.
     */
    boolean applies(Value v) {
        if (v.op().kind() != Op.Kind.MATTVEC || !policy.mirrorWeights()) {
            return false;
        }
        int rows = graph.value(v.input(0)).shape().rows();
        return !policy.unrollDense(rows, v.shape().rows());
    }

    /**
     * Creates the mirror of {@code Wᵀg} value {@code v}'s weight and returns the blocks that
     * compute {@code v} over it; {@code description} heads them.
     */
    List<List<Stmt>> matTVec(Value v, String description) {
        Value w = graph.value(v.input(0));
        int rows = w.shape().rows();
        int cols = w.shape().cols();
        String parameter = w.op().parameter();
        String field = names.unique(parameter + " mirror");
        fields.add(new LoweredField(field, real, List.of(rows, cols), parameter
                + " again, stored [out][in], for Wᵀg"));
        if (current == null) {
            current = names.unique("mirrors current");
            fields.add(new LoweredField(current, Type.INT, List.of(),
                    "1 while every mirror equals its weight"));
        }
        int adjoint = v.input(1);
        String label = graph.value(adjoint).label() == null ? "v" + adjoint
                : graph.value(adjoint).label();
        Storage.NonZeros adjointList = Storage.NonZeros.declare(label, rows,
                "for the mirror's rows", names, fields);
        Storage.NonZeros mask = dense.reluMask(v);
        ArrayRef all = null;
        if (mask != null) {
            String scratch = names.unique(storage.array(v.id()).name() + " all");
            fields.add(new LoweredField(scratch, real, List.of(cols),
                    "Wᵀg before the relu mask"));
            all = new ArrayRef.Field(scratch, real, 1);
        }
        Mirror mirror = new Mirror(storage.array(w.id()), new ArrayRef.Field(field, real, 2),
                adjoint, adjointList, rows, cols);
        byParameter.put(parameter, mirror);
        List<List<Stmt>> blocks = new ArrayList<>(MirrorKernels.matTVec(storage.array(v.id()),
                all, mirror.array(), k -> storage.element(adjoint, k), adjointList, rows, cols,
                policy.rowBlock(), mask, real));
        List<Stmt> first = new ArrayList<>();
        first.add(new Stmt.Comment(description + ", over the mirror of " + parameter));
        first.addAll(blocks.get(0));
        blocks.set(0, first);
        return blocks;
    }

    /**
     * The mirror's copy of the batch-1 update of gradient value {@code v}: empty unless v is
     * the outer product whose weight has a mirror. Call after every {@link #matTVec}.
     */
    List<Stmt> update(Value v) {
        if (v.op().kind() != Op.Kind.OUTER) {
            return List.of();
        }
        List<Stmt> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : graph.outputs().entrySet()) {
            Mirror mirror = e.getValue() == v.id() && e.getKey().startsWith(Graph.GRADIENT_PREFIX)
                    ? byParameter.get(e.getKey().substring(Graph.GRADIENT_PREFIX.length()))
                    : null;
            if (mirror == null) {
                continue;
            }
            if (v.input(0) != mirror.adjoint()) {
                throw new IllegalStateException("a weight gradient is not the outer product of"
                        + " the adjoint its mirror lists");
            }
            int a = v.input(1);
            out.add(new Stmt.Comment("the same update on the mirror"));
            out.addAll(MirrorKernels.descend(mirror.array(),
                    Code.convert(Code.local("step", Type.DOUBLE), real),
                    k -> storage.element(a, k), k -> storage.element(mirror.adjoint(), k),
                    mirror.adjointNonZeros(), mirror.rows(), mirror.cols(), policy.rowBlock(),
                    real));
        }
        return out;
    }

    /**
     * The blocks that start a backward pass: copy every weight to its mirror if stale, then
     * mark them current.
     */
    List<List<Stmt>> refresh() {
        List<List<Stmt>> blocks = new ArrayList<>();
        for (Mirror m : byParameter.values()) {
            blocks.add(MirrorKernels.refresh(m.weight(), m.array(), m.rows(), m.cols(), current));
        }
        if (!blocks.isEmpty()) {
            blocks.add(List.of(new Stmt.StoreScalarField(current, Code.index(1))));
        }
        return blocks;
    }

    /** Marks every mirror stale. */
    List<Stmt> stale() {
        return List.of(new Stmt.StoreScalarField(current, Code.index(0)));
    }
}
