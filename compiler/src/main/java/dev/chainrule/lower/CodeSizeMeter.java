package dev.chainrule.lower;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;

/**
 * Measures the bytecode size of a method of a class being lowered, so methods are split by
 * measured size rather than a guess (HotSpot never JIT-compiles a method over 8,000 bytes).
 * The bytecode backend provides the real measure.
 */
@FunctionalInterface
public interface CodeSizeMeter {

    /**
     * @param context the class so far (fields and metadata; its methods may be incomplete)
     * @return the length in bytes of the method's {@code Code} attribute
     */
    int measure(LoweredClass context, LoweredMethod method);

    /**
     * The lengths of several methods of one class; a meter that can should measure them in one
     * pass (the default measures one by one).
     */
    default int[] measureEach(LoweredClass context, java.util.List<LoweredMethod> methods) {
        int[] sizes = new int[methods.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = measure(context, methods.get(k));
        }
        return sizes;
    }
}
