package dev.chainrule.runtime;

/**
 * How a kernel facade picks its live implementation, once, at class initialization: the Panama
 * class named (compiled for Java 17, present only with {@code jdk.incubator.vector}) when it
 * loads and gives the reference's bits on the facade's check, else the reference.
 * {@code -Dchainrule.simd=off} forces the reference.
 */
final class KernelChoice {

    /** A facade's check: does the candidate give the reference's bits? */
    interface Check<T> {
        boolean agrees(T candidate, T reference);
    }

    private KernelChoice() {
    }

    static <T> T live(Class<T> facade, String panamaClass, T reference, Check<T> check) {
        if ("off".equals(System.getProperty("chainrule.simd"))) {
            return reference;
        }
        try {
            T panama = facade.cast(Class.forName(panamaClass).getConstructor().newInstance());
            if (check.agrees(panama, reference)) {
                return panama;
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
            // no module, an older JVM, or too narrow vectors: the reference runs
        }
        return reference;
    }
}
