package dev.chainrule.codegen;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.LoweredMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields and methods of a lowered class by name, as both backends look them up. */
final class ClassMembers {

    private final LoweredClass lowered;
    private final Map<String, LoweredField> fields = new LinkedHashMap<>();
    private final Map<String, LoweredMethod> methods = new LinkedHashMap<>();

    ClassMembers(LoweredClass lowered) {
        this.lowered = lowered;
        for (LoweredField field : lowered.fields()) {
            fields.putIfAbsent(field.name(), field);
        }
        for (LoweredMethod method : lowered.methods()) {
            methods.putIfAbsent(method.name(), method);
        }
    }

    LoweredClass lowered() {
        return lowered;
    }

    /** JVM internal name of the generated class, like {@code samples/nets/Iris}. */
    String internalName() {
        return lowered.qualifiedName().replace('.', '/');
    }

    LoweredField field(String name) {
        return fields.get(name);
    }

    boolean hasMethod(String name) {
        return methods.containsKey(name);
    }

    /**
     * The method a {@code Call} from {@code caller} reaches. A name the class does not define yet
     * resolves to a private void helper with the caller's parameters: that is what the lowering
     * makes when it splits {@code caller}, and lets {@link MethodSizer} measure a piece before
     * its helpers exist. {@link LoweredChecker} rejects unknown names in a whole class.
     */
    LoweredMethod callee(String name, LoweredMethod caller) {
        LoweredMethod method = methods.get(name);
        return method != null ? method
                : new LoweredMethod(name, false, caller.params(), null, List.of(), "");
    }
}
