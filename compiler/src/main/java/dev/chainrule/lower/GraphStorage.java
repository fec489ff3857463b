package dev.chainrule.lower;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * Where each value of a graph lives in the generated class: a scalar field, an array field
 * (one array per matrix row), a param scalar in an array of one (so the runtime can bind it),
 * or nowhere for an unnamed scalar constant, which is inlined. Field names come from the
 * description: a value keeps its name, its adjoint is {@code d_<name>}, its tangent
 * {@code dot_<name>}; Java keywords get a trailing underscore and clashes a number.
 */
final class GraphStorage {

    /** Locals and parameters of graph methods, which fields must not shadow. */
    static final List<String> LOCALS = List.of("i", "j", "k", "l", "acc", "at", "max", "sum", "lse",
            "inputs", "targets", "outputs", "seed", "out", "step", "CHAINRULE_HEADER");

    static final String[] LOOP_VARS = {"i", "j", "k", "l"};

    private final Graph g;
    private final Type real;
    private final java.util.Set<String> taken = new java.util.HashSet<>(LOCALS);
    private final boolean small;
    /** The named values' nodes, for {@link #inlined} (a map's containsValue is a scan). */
    private final java.util.Set<Integer> named;
    private final String[] field;
    private final boolean[] transposed;
    /** Vectors that must stay arrays: some loop indexes them. */
    private final boolean[] arrays;
    private final Map<Integer, Storage.NonZeros> lists = new java.util.HashMap<>();
    private final Map<Integer, Integer> masks = new java.util.HashMap<>();
    /** Short vectors kept one scalar field per element. */
    private final Map<Integer, ArrayRef.Scalars> elements = new java.util.HashMap<>();

    /** Vectors up to this length, other than params (which the runtime binds as arrays). */
    static final int MAX_SCALARS = 16;
    private final List<LoweredField> fields = new ArrayList<>();
    /** Named adjoints and tangents whose node already has another field: copied into theirs. */
    final Map<String, String> adjointFields = new LinkedHashMap<>();
    final Map<String, String> tangentFields = new LinkedHashMap<>();

    /** @param transposed matrices kept one array per column ({@code [in][out]}) */
    GraphStorage(Graph g, Type real, boolean[] live, boolean[] transposed, boolean[] arrays) {
        this.g = g;
        this.real = real;
        this.field = new String[g.nodes().size()];
        this.named = new java.util.HashSet<>(g.values().values());
        this.transposed = transposed;
        this.arrays = arrays;
        // Whether every dimension of every value is at most MAX_SCALARS: then every loop that
        // indexes a vector is unrolled (GraphEmit.loop), and short vectors can be scalar fields.
        // Otherwise the dense kernels' loops run, and their locals must not hide a field.
        this.small = small(g);
        if (!small) {
            taken.addAll(DenseKernels.LOCALS);
        }
        // every param matrix is updated row by row through these locals
        taken.addAll(List.of("o", "row", "gradRow"));
        for (String name : g.info().names()) {
            claim(g.value(name), name, "value of " + name);
        }
        // A reverse pass's adjoint belongs to the reader it came from: later names choose first,
        // so the code reads d_c = d_e * d; ... d_a = d_c.
        List<String> reversed = new ArrayList<>(g.info().names());
        java.util.Collections.reverse(reversed);
        for (String name : reversed) {
            Integer a = g.adjoints().get(name);
            if (a != null) {
                adjointFields.put(name, fieldFor(a, "d_" + name, "d " + g.info().output()
                        + " / d " + name));
            }
        }
        for (String name : g.info().names()) {
            Integer t = g.tangents().get(name);
            if (t != null) {
                tangentFields.put(name, fieldFor(t, "dot_" + name, "d " + name
                        + " / d seed: the tangent of " + name));
            }
        }
        for (Node n : g.nodes()) {
            if (live[n.id()] && field[n.id()] == null && !inlined(n)) {
                claim(n.id(), n.label().isEmpty() ? "v" : n.label(), n.op().mnemonic());
            }
        }
    }

    private String fieldFor(int node, String label, String comment) {
        if (field[node] == null && !inlined(g.node(node))) {
            claim(node, label, comment);
            return field[node];
        }
        String own = safe(label);
        fields.add(new LoweredField(own, real, dims(g.shape(node)), comment));
        return own;
    }

    private void claim(int node, String label, String comment) {
        if (field[node] != null) {
            return;
        }
        Node n = g.node(node);
        field[node] = safe(label);
        if (isScalars(node)) {
            // one field per element: no array header, null or bounds check (loops over
            // vectors this short are unrolled, so every index is a constant)
            String[] names = new String[n.shape().rows()];
            for (int k = 0; k < names.length; k++) {
                names[k] = safe(field[node] + "_" + k);
                fields.add(new LoweredField(names[k], real, List.of(),
                        comment + (k == 0 ? ", one field per element" : "")));
            }
            elements.put(node, new ArrayRef.Scalars(field[node], real, List.of(names)));
            return;
        }
        boolean paramScalar = n.op() instanceof Leaf l && l.role() == Role.PARAM
                && n.shape().isScalar();
        fields.add(new LoweredField(field[node], real, paramScalar ? List.of(1)
                : transposed[node] ? List.of(n.shape().cols(), n.shape().rows())
                : dims(n.shape()), comment + (transposed[node] ? ", stored [in][out]" : "")));
    }

    String safe(String label) {
        // Labels are validated identifiers (or d_, dot_, grad_ and one of them); anything else
        // is made one, so no description reaches the class unchecked. Keywords and the
        // literals true, false and null are not names: class_, true_.
        String base = label.matches("[A-Za-z_][A-Za-z0-9_]*") ? label : Names.sanitize(label);
        base = SourceVersion.isName(base) ? base : base + "_";
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** A value of rank 3 or 4 is one flat array, row-major. */
    static List<Integer> dims(Shape s) {
        return s.isFlat() ? List.of(s.size()) : s.dims();
    }

    /** An unnamed scalar constant is written into every expression that reads it. */
    boolean inlined(Node n) {
        return n.op() instanceof Constant c && c.isScalar() && !named.contains(n.id());
    }

    String field(int node) {
        return field[node];
    }

    List<LoweredField> fields() {
        return fields;
    }

    /** A new array field, such as a param's gradient accumulator. */
    ArrayRef.Field addArray(String label, List<Integer> dims, String comment) {
        String name = safe(label);
        fields.add(new LoweredField(name, real, dims, comment));
        return new ArrayRef.Field(name, real, dims.size());
    }

    /** A new {@code int[length]} field; returns it. */
    ArrayRef.Field addIntArray(String label, int length, String comment) {
        String name = safe(label);
        fields.add(new LoweredField(name, Type.INT, List.of(length), comment));
        return new ArrayRef.Field(name, Type.INT, 1);
    }

    /** A new scalar field, such as a flag; returns its name. */
    String addScalar(String label, Type type, String comment) {
        String name = safe(label);
        fields.add(new LoweredField(name, type, List.of(), comment));
        return name;
    }

    /** True when every dimension of every value is short: see {@link #small()}. */
    static boolean small(Graph g) {
        return g.nodes().stream().allMatch(n -> n.shape().dims().stream()
                .allMatch(d -> d <= MAX_SCALARS));
    }

    /**
     * Value {@code node} is stored in {@code target}'s field (they are equal bit for bit): it
     * gets no field and no statements of its own.
     */
    void alias(int node, int target) {
        field[node] = field[target];
    }

    /** The array holding a param (a scalar param too, as an array of one). */
    ArrayRef array(int node) {
        Shape s = g.shape(node);
        return new ArrayRef.Field(field[node], real, s.isMatrix() ? 2 : 1);
    }

    private boolean isScalars(int node) {
        Node n = g.node(node);
        return small && !arrays[node] && n.shape().isVector() && n.shape().rows() <= MAX_SCALARS
                && !(n.op() instanceof Leaf l && l.role() == Role.PARAM);
    }

    /** True when every dimension of every value is short (see {@link #small}). */
    boolean small() {
        return small;
    }

    /** The vector's storage as an array reference: its field, or its scalar fields. */
    ArrayRef vector(int node) {
        ArrayRef.Scalars s = elements.get(node);
        return s != null ? s : new ArrayRef.Field(field[node], real, 1);
    }

    /** Lists the indices of vector {@code node}'s nonzero elements, for the loops over them. */
    void listNonZeros(int node) {
        String indices = safe(field[node] + "_nonzero");
        String count = safe(field[node] + "_nonzeros");
        fields.add(new LoweredField(indices, Type.INT, List.of(g.shape(node).rows()),
                "indices of the nonzero elements of " + field[node]));
        fields.add(new LoweredField(count, Type.INT, List.of(), "how many " + indices + " holds"));
        lists.put(node, new Storage.NonZeros(new ArrayRef.Field(indices, Type.INT, 1), count));
    }

    /**
     * Computes {@code node} (a product only ever read times relu′) only on the rows the nonzero
     * list of relu output {@code relu} names.
     */
    void mask(int node, int relu) {
        masks.put(node, relu);
    }

    /** The nonzero list that masks product {@code node}, or null. */
    Storage.NonZeros mask(int node) {
        Integer relu = masks.get(node);
        return relu == null ? null : lists.get(relu);
    }

    /** The nonzero list of vector {@code node}, or null. */
    Storage.NonZeros nonZeros(int node) {
        return lists.get(node);
    }

    boolean transposed(int node) {
        return transposed[node];
    }

    private boolean isParamScalar(int node) {
        return g.node(node).op() instanceof Leaf l && l.role() == Role.PARAM
                && g.shape(node).isScalar();
    }

    /** Element (i, j) of a value stored in {@code fieldName} with {@code node}'s shape. */
    Expr read(int node, String fieldName, Expr i, Expr j) {
        Node n = g.node(node);
        fieldName = fieldName != null && fieldName.equals(field[node]) ? null : fieldName;
        if (fieldName == null && inlined(n)) {
            return new Expr.Const(real, ((Constant) n.op()).value().item());
        }
        String name = fieldName == null ? field[node] : fieldName;
        Shape s = n.shape();
        if (fieldName == null && elements.containsKey(node)) {
            return new Expr.ScalarField(elements.get(node).field(i), real);
        }
        if (s.isScalar()) {
            return isParamScalar(node) && fieldName == null
                    ? new Expr.Load(new ArrayRef.Field(name, real, 1), List.of(Code.index(0)))
                    : new Expr.ScalarField(name, real);
        }
        ArrayRef a = new ArrayRef.Field(name, real, dims(s).size());
        return new Expr.Load(a, s.isMatrix() ? at(node, fieldName, i, j) : List.of(i));
    }

    /** Indices of matrix element (i, j): swapped where the node's own field is transposed. */
    private List<Expr> at(int node, String fieldName, Expr i, Expr j) {
        return fieldName == null && transposed[node] ? List.of(j, i) : List.of(i, j);
    }

    Stmt write(int node, String fieldName, Expr i, Expr j, Expr value) {
        fieldName = fieldName != null && fieldName.equals(field[node]) ? null : fieldName;
        String name = fieldName == null ? field[node] : fieldName;
        Shape s = g.shape(node);
        if (fieldName == null && elements.containsKey(node)) {
            return new Stmt.StoreScalarField(elements.get(node).field(i), value);
        }
        if (s.isScalar()) {
            return isParamScalar(node) && fieldName == null
                    ? new Stmt.Store(new ArrayRef.Field(name, real, 1), List.of(Code.index(0)), value)
                    : new Stmt.StoreScalarField(name, value);
        }
        ArrayRef a = new ArrayRef.Field(name, real, dims(s).size());
        return new Stmt.Store(a, s.isMatrix() ? at(node, fieldName, i, j) : List.of(i), value);
    }
}
