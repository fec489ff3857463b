package dev.chainrule.description;

import java.nio.file.Path;

/**
 * The keys both description forms share ({@code name}, {@code package}, {@code precision},
 * {@code training}, {@code data}), read by the same code for both, so a setting means the same
 * and fails with the same message in a layer description and in a graph description. The graph
 * validator lives in another package; this is its door to the layer form's readers.
 */
public final class CommonSections {

    private CommonSections() {}

    /** The {@code name} key: a Java class name. */
    public static String className(MapReader top) {
        return SpecValidator.className(top);
    }

    /** The optional {@code package} key; {@code ""} when absent. */
    public static String packageName(MapReader top) {
        return SpecValidator.packageName(top);
    }

    /** The optional {@code precision} key; float when absent. */
    public static Precision precision(MapReader top) {
        return top.optional("precision")
                .map(node -> ScalarReader.choice(node, "precision", "precision",
                        Precision.values(), Precision::spelling))
                .orElse(Precision.FLOAT);
    }

    /** The optional {@code training} section; {@link TrainingSpec#DEFAULTS} when absent. */
    public static TrainingSpec training(MapReader top) {
        return top.optional("training")
                .map(node -> TrainingValidator.validate(node, "training"))
                .orElse(TrainingSpec.DEFAULTS);
    }

    /** The optional {@code data} section, or {@code null}; relative paths against the base. */
    public static DataSpec data(MapReader top, Path baseDirectory) {
        return top.optional("data")
                .map(node -> DataValidator.validate(node, "data", baseDirectory))
                .orElse(null);
    }
}
