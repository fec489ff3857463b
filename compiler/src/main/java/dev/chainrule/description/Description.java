package dev.chainrule.description;

/**
 * What every validated description has, whichever form it is written in: the layer form
 * ({@link NetworkSpec}) or the graph form ({@link dev.chainrule.description.graph.GraphSpec}).
 * {@link Descriptions#parse(java.nio.file.Path)} returns one; callers switch on the form:
 *
 * <pre>{@code
 * Description description = Descriptions.parse(Path.of("net.yaml"));
 * if (description instanceof GraphSpec graph) {
 *     ...
 * } else if (description instanceof NetworkSpec layers) {
 *     ...
 * }
 * }</pre>
 *
 * <p>A plain interface, not a sealed one: its two forms live in different packages, which a
 * sealed interface outside a named module cannot permit.
 */
public interface Description {

    /** Simple name of the generated class, a Java identifier. */
    String name();

    /** Package of the generated class; {@code ""} for the default package. */
    String packageName();

    /** {@code package.Name}, or just {@code Name} in the default package. */
    String qualifiedName();

    Precision precision();

    /** Gradient descent settings ({@link TrainingSpec#DEFAULTS} when the section is absent). */
    TrainingSpec training();

    /** Default data sets for the CLI, or {@code null}. */
    DataSpec data();

    /** Where the description came from, and its text. */
    SpecSource source();

    /** Lower-case hex SHA-256 of the raw description text. */
    String sha256();

    /** A copy with another precision (gradient checking forces double). */
    Description withPrecision(Precision precision);

    /** A copy with other training settings (the CLI overrides epochs, rate, batch, seed). */
    Description withTraining(TrainingSpec training);
}
