package dev.chainrule.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Type;

/**
 * How lowered types are spelled in Java: as source keywords and JavaPoet names for the source
 * backend, as JVM descriptors and ASM types for the bytecode backend. Kept in one place so the
 * two spellings cannot drift apart.
 */
final class JavaTypes {

    private JavaTypes() {}

    /** {@code float}, {@code double[]}...: how a local of this type is declared in source. */
    static String keyword(Type type) {
        return switch (type) {
            case INT -> "int";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case FLOAT_ARRAY -> "float[]";
            case DOUBLE_ARRAY -> "double[]";
        };
    }

    /** The JavaPoet name of {@code element} nested in {@code rank} array dimensions. */
    static TypeName typeName(Type element, int rank) {
        TypeName name = switch (element) {
            case INT -> TypeName.INT;
            case FLOAT -> TypeName.FLOAT;
            case DOUBLE -> TypeName.DOUBLE;
            case FLOAT_ARRAY -> ArrayTypeName.of(TypeName.FLOAT);
            case DOUBLE_ARRAY -> ArrayTypeName.of(TypeName.DOUBLE);
        };
        for (int d = 0; d < rank; d++) {
            name = ArrayTypeName.of(name);
        }
        return name;
    }

    /** The JVM descriptor of {@code element} nested in {@code rank} array dimensions. */
    static String descriptor(Type element, int rank) {
        return "[".repeat(rank) + asm(element).getDescriptor();
    }

    static org.objectweb.asm.Type asm(Type type) {
        return switch (type) {
            case INT -> org.objectweb.asm.Type.INT_TYPE;
            case FLOAT -> org.objectweb.asm.Type.FLOAT_TYPE;
            case DOUBLE -> org.objectweb.asm.Type.DOUBLE_TYPE;
            case FLOAT_ARRAY -> org.objectweb.asm.Type.getType("[F");
            case DOUBLE_ARRAY -> org.objectweb.asm.Type.getType("[D");
        };
    }

    /** The operand of {@code NEWARRAY} for a one-dimensional array of {@code element}. */
    static int newArrayOperand(Type element) {
        return switch (element) {
            case INT -> org.objectweb.asm.Opcodes.T_INT;
            case FLOAT -> org.objectweb.asm.Opcodes.T_FLOAT;
            case DOUBLE -> org.objectweb.asm.Opcodes.T_DOUBLE;
            default -> throw new IllegalArgumentException("no array of " + element);
        };
    }

    /** A method parameter's type: {@code double[]} or {@code double}. */
    static Type paramType(LoweredMethod.Param param) {
        return param.array() ? Type.DOUBLE_ARRAY : Type.DOUBLE;
    }

    static String methodDescriptor(LoweredMethod method) {
        StringBuilder descriptor = new StringBuilder("(");
        for (LoweredMethod.Param param : method.params()) {
            descriptor.append(asm(paramType(param)).getDescriptor());
        }
        descriptor.append(')');
        descriptor.append(method.returnType() == null ? "V"
                : asm(method.returnType()).getDescriptor());
        return descriptor.toString();
    }
}
