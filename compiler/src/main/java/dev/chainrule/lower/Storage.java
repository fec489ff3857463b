package dev.chainrule.lower;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where each IR value lives in the generated class: vectors and weights in fields, the target
 * in the {@code double[] t} parameter (converted on read), constants inline, the loss in a local.
 */
final class Storage {

    static final String TARGET_PARAM = "t";

    private final Graph graph;
    private final Type real;
    private final Map<Integer, ArrayRef> arrays = new HashMap<>();
    private final Map<Integer, String> scalars = new HashMap<>();
    private final Map<Integer, Function<Expr, Expr>> inlined = new HashMap<>();
    private final Map<Integer, NonZeros> nonZeros = new HashMap<>();

    /**
     * Where the forward pass lists the indices of a vector's nonzero elements: {@code count}
     * entries of int array {@code indices}, in increasing order.
     */
    record NonZeros(ArrayRef indices, String count) {

        /**
         * Declares the fields of a list for a vector of {@code size} labelled {@code label}: an
         * int array and its count, named after the label.
         */
        static NonZeros declare(String label, int size, String purpose, Names names,
                                List<LoweredField> fields) {
            String indices = names.unique(label + " nonzero");
            String count = names.unique(label + " nonzeros");
            fields.add(new LoweredField(indices, Type.INT, List.of(size),
                    "indices of the nonzero elements of " + label + ", " + purpose));
            fields.add(new LoweredField(count, Type.INT, List.of(), "how many " + indices
                    + " lists"));
            return new NonZeros(new ArrayRef.Field(indices, Type.INT, 1), count);
        }
    }

    Storage(Graph graph, Type real) {
        this.graph = graph;
        this.real = real;
    }

    Type real() {
        return real;
    }

    Graph graph() {
        return graph;
    }

    void place(int id, ArrayRef array) {
        arrays.put(id, array);
    }

    void placeScalar(int id, String local) {
        scalars.put(id, local);
    }

    /**
     * Value {@code id} is never stored: each read computes its element in place. For values read
     * once, this saves a pass and a field without changing a bit (a stored real reads back
     * exactly).
     */
    void inline(int id, Function<Expr, Expr> element) {
        inlined.put(id, element);
    }

    /** Vector {@code id}'s nonzero elements will be listed in {@code list}. */
    void listNonZeros(int id, NonZeros list) {
        nonZeros.put(id, list);
    }

    /** The list of vector {@code id}'s nonzero elements, or null if it has none. */
    NonZeros nonZeros(int id) {
        return nonZeros.get(id);
    }

    ArrayRef array(int id) {
        ArrayRef ref = arrays.get(id);
        if (ref == null) {
            throw new IllegalStateException("IR value %" + id + " has no storage");
        }
        return ref;
    }

    String scalar(int id) {
        return scalars.get(id);
    }

    /** Element {@code k} of vector value {@code id}, in the network's real type. */
    Expr element(int id, Expr k) {
        Value v = graph.value(id);
        if (v.op().kind() == Op.Kind.TARGET) {
            return Code.convert(Code.load(new ArrayRef.Parameter(TARGET_PARAM), k), real);
        }
        Function<Expr, Expr> computed = inlined.get(id);
        return computed != null ? computed.apply(k) : Code.load(array(id), k);
    }

    /** A scalar value: an inline constant or a local. */
    Expr scalarValue(int id) {
        Value v = graph.value(id);
        if (v.op().kind() == Op.Kind.CONSTANT) {
            return Code.constant(real, real == Type.FLOAT ? (float) v.op().constant()
                    : v.op().constant());
        }
        String local = scalars.get(id);
        if (local == null) {
            throw new IllegalStateException("scalar IR value %" + id + " has no storage");
        }
        return Code.local(local, real);
    }
}
