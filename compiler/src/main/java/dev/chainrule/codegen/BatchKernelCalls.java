package dev.chainrule.codegen;

import com.palantir.javapoet.ClassName;
import dev.chainrule.loops.Stmt;
import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.runtime.ConvKernels;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * How a {@link Stmt.BatchKernel} meets the runtime's {@link BatchKernels} or
 * {@link ConvKernels}: the JVM descriptor
 * both backends call, and the check that such a public method exists (read from the runtime
 * class itself, so the compiler cannot call a kernel the runtime lacks).
 */
final class BatchKernelCalls {

    private BatchKernelCalls() {}

    /** The runtime class whose {@code LIVE} instance the call goes to. */
    static Class<?> provider(Stmt.BatchKernel kernel) {
        return kernel.provider() == Stmt.BatchKernel.Provider.CONV ? ConvKernels.class
                : BatchKernels.class;
    }

    static ClassName providerName(Stmt.BatchKernel kernel) {
        return ClassName.get(provider(kernel));
    }

    static String descriptor(Stmt.BatchKernel kernel) {
        StringBuilder out = new StringBuilder("(");
        for (Stmt.BatchKernel.Arg arg : kernel.args()) {
            out.append(arg instanceof Stmt.BatchKernel.Array a
                    ? JavaTypes.descriptor(a.field().element(), a.field().rank()) : "I");
        }
        return out.append(")V").toString();
    }

    /** Why the call cannot be made, or null. */
    static String problem(Stmt.BatchKernel kernel) {
        for (Method m : provider(kernel).getMethods()) {
            if (m.getName().equals(kernel.method()) && !Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() == void.class
                    && descriptor(kernel).equals(org.objectweb.asm.Type.getMethodDescriptor(m))) {
                return null;
            }
        }
        return "no kernel " + provider(kernel).getSimpleName() + "." + kernel.method()
                + descriptor(kernel);
    }
}
