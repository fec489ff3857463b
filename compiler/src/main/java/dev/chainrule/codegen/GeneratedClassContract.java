package dev.chainrule.codegen;

import dev.chainrule.loops.LoweredClass;

/** What every generated class shares with the runtime, spelled once for both backends. */
final class GeneratedClassContract {

    /** The base class of every generated trainer. */
    static final String SUPERCLASS = "dev.chainrule.runtime.GeneratedNetwork";
    static final String SUPERCLASS_INTERNAL = SUPERCLASS.replace('.', '/');

    /** {@code GeneratedNetwork(String, int, int, boolean, boolean, ParameterLayout[])}. */
    static final String SUPER_CONSTRUCTOR =
            "(Ljava/lang/String;IIZZ[Ldev/chainrule/runtime/ParameterLayout;)V";

    /** The base class of every class generated from a graph description. */
    static final String GRAPH_SUPERCLASS = "dev.chainrule.runtime.GeneratedGraph";

    /** {@code GeneratedGraph(String, int, int, boolean, boolean, ParameterLayout[], String)}. */
    static final String GRAPH_SUPER_CONSTRUCTOR =
            "(Ljava/lang/String;IIZZ[Ldev/chainrule/runtime/ParameterLayout;Ljava/lang/String;)V";

    static String superclass(LoweredClass lowered) {
        return lowered.isGraph() ? GRAPH_SUPERCLASS : SUPERCLASS;
    }

    static String superclassInternal(LoweredClass lowered) {
        return superclass(lowered).replace('.', '/');
    }

    static final String BIND = "bind";
    static final String BIND_DESCRIPTOR = "([Ljava/lang/Object;[Ljava/lang/Object;)V";
    /** {@code bind(parameters, gradients, rowMarks)}: when some accumulator has row marks. */
    static final String BIND_MARKS_DESCRIPTOR =
            "([Ljava/lang/Object;[Ljava/lang/Object;[Ljava/lang/Object;)V";

    /** {@code unpackParameters(String[])}: called after {@code bind} when weights are baked in. */
    static final String UNPACK = "unpackParameters";
    static final String UNPACK_DESCRIPTOR = "([Ljava/lang/String;)V";

    /** The most bytes a class-file string constant holds (its length is an unsigned short). */
    static final int MAX_STRING_CONSTANT = 65_535;

    /** The runtime class each param's layout is built as, by its static factories. */
    static final String PARAMETER_LAYOUT = "dev.chainrule.runtime.ParameterLayout";
    static final String PARAMETER_LAYOUT_INTERNAL = PARAMETER_LAYOUT.replace('.', '/');

    /**
     * The static {@code ParameterLayout[]} the class's static initializer builds (one per
     * param, in bind order) and every constructor hands its superclass.
     */
    static final String PARAMETERS_FIELD = "CHAINRULE_PARAMETERS";

    /** The constant holding the header lines; {@code javap -constants} shows it. */
    static final String HEADER_FIELD = "CHAINRULE_HEADER";

    /** The constant holding the description's training settings, as the runtime reads them. */
    static final String TRAINING_FIELD = dev.chainrule.runtime.TrainingSettings.FIELD;

    private GeneratedClassContract() {}

    /**
     * The descriptor of a {@code ParameterLayout} factory taking {@code arguments}
     * ({@link dev.chainrule.lower.RuntimeParameter#arguments}).
     */
    static String layoutFactoryDescriptor(java.util.List<Object> arguments) {
        StringBuilder d = new StringBuilder("(");
        for (Object a : arguments) {
            d.append(a instanceof String ? "Ljava/lang/String;" : a instanceof Integer ? "I"
                    : "[I");
        }
        return d.append(")L").append(PARAMETER_LAYOUT_INTERNAL).append(';').toString();
    }

    static String header(LoweredClass lowered) {
        return String.join("\n", lowered.header());
    }
}
