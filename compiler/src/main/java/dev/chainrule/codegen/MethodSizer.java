package dev.chainrule.codegen;

import dev.chainrule.lower.LoweredClass;
import dev.chainrule.lower.LoweredMethod;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;

/**
 * Measures the real bytecode length of one method, so the lowering can split methods by measured
 * size (HotSpot does not JIT methods over 8,000 bytes) rather than by a guessed node count.
 *
 * <pre>{@code
 * if (MethodSizer.measure(lowered, forward) > 8000) { ... split forward ... }
 * }</pre>
 */
public final class MethodSizer {

    private MethodSizer() {}

    /**
     * Assembles {@code method} alone, in a class with {@code lowered}'s fields, and returns its
     * code length in bytes: exactly what {@link BytecodeBackend} will emit for it. The method
     * need not belong to {@code lowered}, and may call helpers it does not define yet (taken to
     * be private, void, with the caller's parameters). Lengths past the JVM's 64 KB limit are
     * measured too.
     */
    public static int measure(LoweredClass lowered, LoweredMethod method) {
        ClassMembers members = new ClassMembers(lowered);
        LoweredChecker.checkMethod(members, method, false);
        ClassWriter writer = new NonLoadingClassWriter();
        BytecodeBackend.declareClass(writer, members);
        StatementAssembler.assemble(writer, members, method);
        writer.visitEnd();
        try {
            return CodeLengths.of(writer.toByteArray()).get(method.name());
        } catch (MethodTooLargeException e) {
            return e.getCodeSize();
        }
    }
}
