package dev.chainrule.lower;

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
}
