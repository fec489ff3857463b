package dev.chainrule.codegen;

import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * JVM local variable slots of one method, allocated the way javac does: {@code this} in slot 0,
 * then the parameters, then locals in declaration order; a double takes two slots; a block's
 * slots are reused once it ends.
 */
final class LocalSlots {

    record Slot(int index, Type type) {}

    /** Innermost scope first; each remembers the first free slot when it was entered. */
    private final Deque<Map<String, Slot>> scopes = new ArrayDeque<>();
    private final Deque<Integer> scopeStarts = new ArrayDeque<>();
    private int next = 1;

    LocalSlots(LoweredMethod method) {
        enterScope();
        for (LoweredMethod.Param param : method.params()) {
            declare(param.name(), JavaTypes.paramType(param));
        }
    }

    Slot declare(String name, Type type) {
        Slot slot = new Slot(next, type);
        next += JavaTypes.asm(type).getSize();
        scopes.peek().put(name, slot);
        return slot;
    }

    Slot lookup(String name) {
        for (Map<String, Slot> scope : scopes) {
            Slot slot = scope.get(name);
            if (slot != null) {
                return slot;
            }
        }
        throw new IllegalStateException("unknown local '" + name + "'");
    }

    void enterScope() {
        scopes.push(new HashMap<>());
        scopeStarts.push(next);
    }

    void exitScope() {
        scopes.pop();
        next = scopeStarts.pop();
    }
}
