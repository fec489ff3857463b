package dev.chainrule.graph.op;

import java.util.Set;
import java.util.TreeSet;

/**
 * The op kinds the coverage tests require a test for: each permitted {@link Op} subclass by its
 * simple name, {@link Unary} and {@link Binary} once per kind ({@code Unary.EXP}). Read from
 * the sealed interface, so a new op is in the set without anyone listing it.
 */
public final class OpKinds {

    private OpKinds() {}

    /** Every op kind. */
    public static Set<String> all() {
        Set<String> kinds = new TreeSet<>();
        for (Class<?> op : Op.class.getPermittedSubclasses()) {
            if (op == Unary.class) {
                for (Unary.Kind k : Unary.Kind.values()) {
                    kinds.add(name(op, k.name()));
                }
            } else if (op == Binary.class) {
                for (Binary.Kind k : Binary.Kind.values()) {
                    kinds.add(name(op, k.name()));
                }
            } else {
                kinds.add(op.getSimpleName());
            }
        }
        return kinds;
    }

    /** The kind of {@code op}, as {@link #all} spells it. */
    public static String of(Op op) {
        return op instanceof Unary u ? name(Unary.class, u.kind().name())
                : op instanceof Binary b ? name(Binary.class, b.kind().name())
                : op.getClass().getSimpleName();
    }

    /** {@code Unary.EXP} for a kind, the simple name alone for an op without kinds. */
    static String name(Class<?> op, String kind) {
        return op.getSimpleName() + (kind.isEmpty() ? "" : "." + kind);
    }
}
