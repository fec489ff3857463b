package dev.chainrule.codegen;

import dev.chainrule.lower.CodeSizeMeter;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import java.util.List;
import java.util.Map;
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

    /** {@link #measure} and {@link #measureEach} as the lowering's meter. */
    public static final CodeSizeMeter METER = new CodeSizeMeter() {
        @Override
        public int measure(LoweredClass context, LoweredMethod method) {
            return MethodSizer.measure(context, method);
        }

        @Override
        public int[] measureEach(LoweredClass context, List<LoweredMethod> methods) {
            return MethodSizer.measureEach(context, methods);
        }
    };

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

    /**
     * The lengths of {@code methods} (distinct names), assembled together in one class with
     * {@code lowered}'s fields: one pass however many there are, where measuring them one by one
     * would declare every field once per method (quadratic in the graph's size). A method's
     * constants may share the pool with the others', so a length can exceed its alone-length by
     * a byte per {@code ldc_w}, never fall short of it once the fields fill the first 256
     * entries; the splitter measures each method it makes once more, alone.
     */
    public static int[] measureEach(LoweredClass lowered, List<LoweredMethod> methods) {
        ClassMembers members = new ClassMembers(lowered);
        ClassWriter writer = new NonLoadingClassWriter();
        BytecodeBackend.declareClass(writer, members);
        for (LoweredMethod method : methods) {
            LoweredChecker.checkMethod(members, method, false);
            StatementAssembler.assemble(writer, members, method);
        }
        writer.visitEnd();
        Map<String, Integer> lengths;
        try {
            lengths = CodeLengths.of(writer.toByteArray());
        } catch (MethodTooLargeException e) {
            int[] sizes = new int[methods.size()];
            for (int k = 0; k < sizes.length; k++) {
                sizes[k] = measure(lowered, methods.get(k));
            }
            return sizes;
        }
        int[] sizes = new int[methods.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = lengths.get(methods.get(k).name());
        }
        return sizes;
    }
}
