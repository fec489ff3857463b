package dev.chainrule.codegen;

import dev.chainrule.runtime.OutputFile;
import static org.objectweb.asm.Opcodes.*;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.RuntimeParameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * The bytecode backend: assembles a {@link LoweredClass} straight into a Java 8 class file with
 * ASM, member for member and operation for operation what javac makes of the
 * {@link SourceBackend}'s file, so both classes compute bit-identical results.
 *
 * <pre>{@code
 * byte[] classFile = BytecodeBackend.emit(lowered);
 * Map<String, Integer> sizes = BytecodeBackend.methodSizes(lowered);  // "forward" -> 1234
 * }</pre>
 */
public final class BytecodeBackend {

    private BytecodeBackend() {}

    /** The class file of {@code lowered} (major version 52). */
    public static byte[] emit(LoweredClass lowered) {
        ClassMembers members = new ClassMembers(lowered);
        LoweredClassChecker.check(members);
        ClassWriter writer = new NonLoadingClassWriter();
        declareClass(writer, members);
        assembleConstructor(writer, members);
        for (LoweredMethod method : lowered.methods()) {
            StatementAssembler.assemble(writer, members, method);
        }
        // last, where javac puts a static initializer
        assembleStaticInitializer(writer, members);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /**
     * Bytecode length of every method of the emitted class, {@code <init>} included, as the JVM
     * counts it against its 8,000-byte JIT and 64 KB limits.
     */
    public static Map<String, Integer> methodSizes(LoweredClass lowered) {
        return CodeLengths.of(emit(lowered));
    }

    /** Writes {@code directory/<package dirs>/<simpleName>.class} and returns its path. */
    public static Path writeTo(LoweredClass lowered, Path directory) {
        Path file = directory.resolve(lowered.qualifiedName().replace('.', '/') + ".class");
        OutputFile.write(file.toFile(), emit(lowered));
        return file;
    }

    /**
     * The class header, the header constant and every field: what any method of the class
     * needs around it, so {@link MethodSizer} can reuse it to assemble one method alone.
     */
    static void declareClass(ClassVisitor target, ClassMembers members) {
        LoweredClass lowered = members.lowered();
        target.visit(V1_8, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, members.internalName(), null,
                GeneratedClassContract.superclassInternal(lowered), null);
        target.visitSource(lowered.simpleName() + ".java", null);
        target.visitField(ACC_PUBLIC | ACC_STATIC | ACC_FINAL, GeneratedClassContract.HEADER_FIELD,
                "Ljava/lang/String;", null, GeneratedClassContract.header(lowered)).visitEnd();
        if (!lowered.trainingSettings().isEmpty()) {
            target.visitField(ACC_PUBLIC | ACC_STATIC | ACC_FINAL,
                    GeneratedClassContract.TRAINING_FIELD, "Ljava/lang/String;", null,
                    lowered.trainingSettings()).visitEnd();
        }
        target.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL,
                GeneratedClassContract.PARAMETERS_FIELD, PARAMETERS_DESCRIPTOR, null, null)
                .visitEnd();
        for (LoweredField field : lowered.fields()) {
            int access = field.rank() > 0 ? ACC_PRIVATE | ACC_FINAL : ACC_PRIVATE;
            target.visitField(access, field.name(),
                    JavaTypes.descriptor(field.element(), field.rank()), null, null).visitEnd();
        }
    }

    private static final String PARAMETERS_DESCRIPTOR =
            "[L" + GeneratedClassContract.PARAMETER_LAYOUT_INTERNAL + ";";

    /** {@code CHAINRULE_PARAMETERS = {ParameterLayout.inOut("w", 8, 4, "zeros"), ...}}. */
    private static void assembleStaticInitializer(ClassVisitor target, ClassMembers members) {
        LoweredClass lowered = members.lowered();
        MethodVisitor code = target.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        code.visitCode();
        ExpressionAssembler.pushInt(code, lowered.parameters().size());
        code.visitTypeInsn(ANEWARRAY, GeneratedClassContract.PARAMETER_LAYOUT_INTERNAL);
        for (int p = 0; p < lowered.parameters().size(); p++) {
            RuntimeParameter parameter = lowered.parameters().get(p);
            code.visitInsn(DUP);
            ExpressionAssembler.pushInt(code, p);
            for (Object argument : parameter.arguments()) {
                if (argument instanceof String text) {
                    code.visitLdcInsn(text);
                } else if (argument instanceof Integer n) {
                    ExpressionAssembler.pushInt(code, n);
                } else {
                    int[] dims = (int[]) argument;
                    ExpressionAssembler.pushInt(code, dims.length);
                    code.visitIntInsn(NEWARRAY, T_INT);
                    for (int k = 0; k < dims.length; k++) {
                        code.visitInsn(DUP);
                        ExpressionAssembler.pushInt(code, k);
                        ExpressionAssembler.pushInt(code, dims[k]);
                        code.visitInsn(IASTORE);
                    }
                }
            }
            code.visitMethodInsn(INVOKESTATIC, GeneratedClassContract.PARAMETER_LAYOUT_INTERNAL,
                    parameter.factory(), GeneratedClassContract.layoutFactoryDescriptor(
                            parameter.arguments()), false);
            code.visitInsn(AASTORE);
        }
        code.visitFieldInsn(PUTSTATIC, members.internalName(),
                GeneratedClassContract.PARAMETERS_FIELD, PARAMETERS_DESCRIPTOR);
        code.visitInsn(RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /**
     * {@code super(...)}, the field allocations, {@code bind(params, grads)}, then with baked
     * weights {@code unpackParameters(chunks)}.
     */
    private static void assembleConstructor(ClassVisitor target, ClassMembers members) {
        LoweredClass lowered = members.lowered();
        MethodVisitor code = target.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        code.visitCode();
        code.visitVarInsn(ALOAD, 0);
        code.visitLdcInsn(lowered.networkName());
        ExpressionAssembler.pushInt(code, lowered.inputSize());
        ExpressionAssembler.pushInt(code, lowered.outputSize());
        ExpressionAssembler.pushInt(code, lowered.doublePrecision() ? 1 : 0);
        ExpressionAssembler.pushInt(code, lowered.classifier() ? 1 : 0);
        code.visitFieldInsn(GETSTATIC, members.internalName(),
                GeneratedClassContract.PARAMETERS_FIELD, PARAMETERS_DESCRIPTOR);
        if (lowered.isGraph()) {
            code.visitLdcInsn(lowered.graphLayout());
        }
        code.visitMethodInsn(INVOKESPECIAL, GeneratedClassContract.superclassInternal(lowered),
                "<init>", lowered.isGraph() ? GeneratedClassContract.GRAPH_SUPER_CONSTRUCTOR
                        : GeneratedClassContract.SUPER_CONSTRUCTOR, false);
        for (LoweredField field : lowered.fields()) {
            if (field.rank() == 0) {
                continue;
            }
            code.visitVarInsn(ALOAD, 0);
            for (int size : field.dims()) {
                ExpressionAssembler.pushInt(code, size);
            }
            String descriptor = JavaTypes.descriptor(field.element(), field.rank());
            if (field.rank() == 1) {
                code.visitIntInsn(NEWARRAY, JavaTypes.newArrayOperand(field.element()));
            } else {
                code.visitMultiANewArrayInsn(descriptor, field.rank());
            }
            code.visitFieldInsn(PUTFIELD, members.internalName(), field.name(), descriptor);
        }
        code.visitVarInsn(ALOAD, 0);
        pushFieldArray(code, members, lowered.parameterFields());
        pushFieldArray(code, members, lowered.gradientFields());
        if (lowered.hasRowMarks()) {
            pushFieldArray(code, members, lowered.rowMarkFields());
        }
        code.visitMethodInsn(INVOKEVIRTUAL, members.internalName(), GeneratedClassContract.BIND,
                lowered.hasRowMarks() ? GeneratedClassContract.BIND_MARKS_DESCRIPTOR
                        : GeneratedClassContract.BIND_DESCRIPTOR, false);
        if (!lowered.packedParameters().isEmpty()) {
            code.visitVarInsn(ALOAD, 0);
            pushStringArray(code, lowered.packedParameters());
            code.visitMethodInsn(INVOKEVIRTUAL, members.internalName(),
                    GeneratedClassContract.UNPACK, GeneratedClassContract.UNPACK_DESCRIPTOR, false);
        }
        code.visitInsn(RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** {@code new String[] {"chunk", ...}}: a few bytes per chunk, whatever its length. */
    private static void pushStringArray(MethodVisitor code, List<String> strings) {
        ExpressionAssembler.pushInt(code, strings.size());
        code.visitTypeInsn(ANEWARRAY, "java/lang/String");
        for (int i = 0; i < strings.size(); i++) {
            code.visitInsn(DUP);
            ExpressionAssembler.pushInt(code, i);
            code.visitLdcInsn(strings.get(i));
            code.visitInsn(AASTORE);
        }
    }

    /** {@code new Object[] {field, ...}}; an empty name is {@code null}. */
    private static void pushFieldArray(MethodVisitor code, ClassMembers members,
                                       List<String> names) {
        ExpressionAssembler.pushInt(code, names.size());
        code.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                continue; // anewarray leaves null there
            }
            LoweredField field = members.field(names.get(i));
            code.visitInsn(DUP);
            ExpressionAssembler.pushInt(code, i);
            code.visitVarInsn(ALOAD, 0);
            code.visitFieldInsn(GETFIELD, members.internalName(), field.name(),
                    JavaTypes.descriptor(field.element(), field.rank()));
            code.visitInsn(AASTORE);
        }
    }
}
