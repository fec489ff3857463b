package dev.chainrule.loops;

import java.util.List;

/**
 * The one lowered form both backends are fed: every size constant, every layout decision made,
 * every method already split. Emitters only print ({@code SourceBackend}) or assemble
 * ({@code BytecodeBackend}) it; neither decides anything.
 *
 * <p>A compiled description's class extends {@code dev.chainrule.runtime.GeneratedGraph}
 * ({@link #graphLayout} non-empty); one with an empty layout extends {@code GeneratedNetwork}
 * directly, which only hand-built lowered forms (the backends' tests) use. Its static
 * initializer builds {@code ParameterLayout}s from {@link #parameters} into a constant; its
 * constructor calls {@code super(networkName, inputSize, outputSize, doublePrecision,
 * classifier, <that constant>)} (a graph's adds its layout), allocates every array field, then calls {@code bind(new Object[]
 * {parameterFields...}, new Object[] {gradientFields...})} (adding {@code new Object[]
 * {rowMarkFields...}}, null where a param has none, when some accumulator has row marks) and,
 * with baked weights,
 * {@code unpackParameters(new String[] {packedParameters...})}.
 *
 * @param parameters the params as the runtime gets them, in the order of
 *     {@code parameterFields}
 * @param header comment lines for the top of the class (description hash, compiler version);
 *     the bytecode backend stores them in a class attribute that javap shows
 * @param packedParameters baked weights as {@code WeightPacking} packs them, one string
 *     constant per chunk; empty for a class that starts from zeros
 * @param rowMarkFields empty, or per param the {@code int[]} field marking the accumulator rows
 *     the generated code has written ({@code GeneratedNetwork.bind}), "" for none
 * @param trainingSettings the description's training settings (the runtime's
 *     {@code TrainingSettings} JSON), a public constant of the class; "" for none
 */
public record LoweredClass(String packageName, String simpleName, List<String> header,
                           String networkName, int inputSize, int outputSize,
                           boolean doublePrecision, boolean classifier, List<RuntimeParameter> parameters,
                           List<String> parameterFields, List<String> gradientFields,
                           List<LoweredField> fields, List<LoweredMethod> methods,
                           List<String> packedParameters, String graphLayout,
                           List<String> rowMarkFields, String trainingSettings) {

    public LoweredClass {
        parameters = List.copyOf(parameters);
        rowMarkFields = List.copyOf(rowMarkFields);
        header = List.copyOf(header);
        parameterFields = List.copyOf(parameterFields);
        gradientFields = List.copyOf(gradientFields);
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
        packedParameters = List.copyOf(packedParameters);
    }

    /** A class without training settings. */
    public LoweredClass(String packageName, String simpleName, List<String> header,
                        String networkName, int inputSize, int outputSize,
                        boolean doublePrecision, boolean classifier, List<RuntimeParameter> parameters,
                        List<String> parameterFields, List<String> gradientFields,
                        List<LoweredField> fields, List<LoweredMethod> methods,
                        List<String> packedParameters, String graphLayout,
                        List<String> rowMarkFields) {
        this(packageName, simpleName, header, networkName, inputSize, outputSize,
                doublePrecision, classifier, parameters, parameterFields, gradientFields,
                fields, methods, packedParameters, graphLayout, rowMarkFields, "");
    }

    /** A class that extends {@code GeneratedNetwork} directly. */
    public LoweredClass(String packageName, String simpleName, List<String> header,
                        String networkName, int inputSize, int outputSize,
                        boolean doublePrecision, boolean classifier, List<RuntimeParameter> parameters,
                        List<String> parameterFields, List<String> gradientFields,
                        List<LoweredField> fields, List<LoweredMethod> methods,
                        List<String> packedParameters) {
        this(packageName, simpleName, header, networkName, inputSize, outputSize,
                doublePrecision, classifier, parameters, parameterFields, gradientFields,
                fields, methods, packedParameters, "", List.of());
    }

    /** True when some accumulator has row marks: the constructor then binds them too. */
    public boolean hasRowMarks() {
        return rowMarkFields.stream().anyMatch(name -> !name.isEmpty());
    }

    /** True for a graph's class: it extends {@code GeneratedGraph}, given {@link #graphLayout}. */
    public boolean isGraph() {
        return !graphLayout.isEmpty();
    }

    /** This class with {@code methods}. */
    public LoweredClass withMethods(List<LoweredMethod> newMethods) {
        return new LoweredClass(packageName, simpleName, header, networkName, inputSize,
                outputSize, doublePrecision, classifier, parameters, parameterFields,
                gradientFields, fields, newMethods, packedParameters, graphLayout, rowMarkFields,
                trainingSettings);
    }

    /** A class without baked weights. */
    public LoweredClass(String packageName, String simpleName, List<String> header,
                        String networkName, int inputSize, int outputSize,
                        boolean doublePrecision, boolean classifier, List<RuntimeParameter> parameters,
                        List<String> parameterFields, List<String> gradientFields,
                        List<LoweredField> fields, List<LoweredMethod> methods) {
        this(packageName, simpleName, header, networkName, inputSize, outputSize,
                doublePrecision, classifier, parameters, parameterFields, gradientFields,
                fields, methods, List.of());
    }

    /** This class with {@code header} and weights baked in as {@code packedParameters}. */
    public LoweredClass withPackedParameters(List<String> header, List<String> packedParameters) {
        return new LoweredClass(packageName, simpleName, header, networkName, inputSize,
                outputSize, doublePrecision, classifier, parameters, parameterFields,
                gradientFields, fields, methods, packedParameters, graphLayout, rowMarkFields,
                trainingSettings);
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
