package dev.chainrule.lower;

import java.util.List;

/**
 * The one lowered form both backends are fed: every size constant, every layout decision made,
 * every method already split. Emitters only print ({@code SourceBackend}) or assemble
 * ({@code BytecodeBackend}) it; neither decides anything.
 *
 * <p>The class extends {@code dev.chainrule.runtime.GeneratedNetwork}; its constructor calls
 * {@code super(networkName, inputSize, outputSize, doublePrecision, classifier, parameterSpec)},
 * allocates every array field, then calls {@code bind(new Object[] {parameterFields...},
 * new Object[] {gradientFields...})}.
 *
 * @param header comment lines for the top of the class (description hash, compiler version);
 *     the bytecode backend stores them in a class attribute that javap shows
 */
public record LoweredClass(String packageName, String simpleName, List<String> header,
                           String networkName, int inputSize, int outputSize,
                           boolean doublePrecision, boolean classifier, String parameterSpec,
                           List<String> parameterFields, List<String> gradientFields,
                           List<LoweredField> fields, List<LoweredMethod> methods) {

    public LoweredClass {
        header = List.copyOf(header);
        parameterFields = List.copyOf(parameterFields);
        gradientFields = List.copyOf(gradientFields);
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
    }

    /** Fully qualified binary name, like {@code samples.nets.Iris}. */
    public String qualifiedName() {
        return packageName == null || packageName.isEmpty() ? simpleName
                : packageName + "." + simpleName;
    }

    public Type real() {
        return Type.real(doublePrecision);
    }
}
