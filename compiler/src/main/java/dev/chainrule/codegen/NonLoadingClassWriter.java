package dev.chainrule.codegen;

import org.objectweb.asm.ClassWriter;

/**
 * A frame-computing {@link ClassWriter} that never loads classes. ASM asks for the common
 * superclass of two reference types where control flow merges; the default answer loads both
 * classes, but the class being written does not exist yet. Generated code only merges arrays
 * and {@code this}, so {@code Object} is always a correct (if loose) answer.
 */
final class NonLoadingClassWriter extends ClassWriter {

    NonLoadingClassWriter() {
        super(COMPUTE_FRAMES);
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return type1.equals(type2) ? type1 : "java/lang/Object";
    }
}
