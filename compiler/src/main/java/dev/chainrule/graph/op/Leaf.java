package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * A named value the graph does not compute: an input, target or param, or a seed of a
 * derivative pass. Its derivatives are where reverse mode ends and forward mode starts, so both
 * rules are empty; the lowering loads it rather than computing it.
 */
public record Leaf(Role role, String name, Shape declared) implements Op {

    @Override public String mnemonic() {
        return role.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 0);
        return declared;
    }

    @Override public Tensor eval(List<Tensor> in) {
        throw new IllegalStateException(name + " is a leaf: its value is fed, not computed");
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of();
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return Rules.NONE;
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return List.of();
    }
}
