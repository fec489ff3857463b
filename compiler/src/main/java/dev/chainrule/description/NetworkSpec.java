package dev.chainrule.description;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated network description: what {@link SpecParser} returns and every later compiler
 * stage reads. Immutable.
 *
 * <p>{@code equals} and {@code hashCode} compare the network described and ignore
 * {@link #source()}, so the same network written in YAML and in JSON gives equal specs.
 *
 * <pre>{@code
 * NetworkSpec spec = SpecParser.parse(Path.of("net.yaml"));
 * for (ParameterSpec p : spec.parameters()) {
 *     System.out.println(p.name() + " " + Arrays.toString(p.shape()) + " " + p.initializer());
 * }
 * NetworkSpec forGradcheck = spec.withPrecision(Precision.DOUBLE);
 * }</pre>
 *
 * @param name simple name of the generated trainer class, a Java identifier
 * @param packageName package of the generated class; {@code ""} for the default package
 * @param precision float or double
 * @param inputSize input width
 * @param layers the dense layers in order, at least one
 * @param loss loss on the last layer's output
 * @param training gradient descent settings
 * @param data default data sets for the CLI, or {@code null} when the description names none
 *     (a {@code DataSpec} without train and test is stored as {@code null})
 * @param init explicit initial values by parameter name, in description order; parameters
 *     not in this map are drawn from {@link ParameterSpec#initializer()} and the seed
 * @param source where the description came from, and its text
 */
public record NetworkSpec(
        String name,
        String packageName,
        Precision precision,
        int inputSize,
        List<LayerSpec> layers,
        Loss loss,
        TrainingSpec training,
        DataSpec data,
        Map<String, InitialValues> init,
        SpecSource source) implements Description {

    /** Largest allowed {@code input}. */
    public static final int MAX_INPUT_SIZE = 1_000_000;

    /** Largest allowed {@code units} of a layer. */
    public static final int MAX_UNITS = 65_536;

    /** Largest allowed total number of scalar parameters. */
    public static final long MAX_PARAMETERS = 50_000_000L;

    /**
     * Checks the structural invariants every stage relies on: the fan-in chain, unique layer
     * names and initial values that match their parameters. {@link SpecParser} reports
     * everything else (names, limits, activation rules) with file positions.
     *
     * @throws IllegalArgumentException if an invariant does not hold
     */
    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        packageName = packageName == null ? "" : packageName;
        Objects.requireNonNull(precision, "precision");
        layers = List.copyOf(layers);
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(training, "training");
        if (data != null && data.train() == null && data.test() == null) {
            data = null;
        }
        init = Collections.unmodifiableMap(new LinkedHashMap<>(init));
        Objects.requireNonNull(source, "source");
        checkLayers(inputSize, layers);
        checkInit(layers, init);
    }

    private static void checkLayers(int inputSize, List<LayerSpec> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int width = inputSize;
        Map<String, LayerSpec> byName = new HashMap<>();
        for (LayerSpec layer : layers) {
            if (layer.fanIn() != width) {
                throw new IllegalArgumentException("layer " + layer.name() + " has fanIn "
                        + layer.fanIn() + " but its input is " + width + " wide");
            }
            if (byName.put(layer.name(), layer) != null) {
                throw new IllegalArgumentException("duplicate layer name " + layer.name());
            }
            width = layer.units();
        }
    }

    private static void checkInit(List<LayerSpec> layers, Map<String, InitialValues> init) {
        Map<String, ParameterSpec> parameters = parametersByName(layers);
        init.forEach((key, values) -> {
            ParameterSpec parameter = parameters.get(key);
            if (parameter == null) {
                throw new IllegalArgumentException("initial values for unknown parameter " + key);
            }
            if (!Arrays.equals(parameter.shape(), values.shape())) {
                throw new IllegalArgumentException("initial values for " + key + " have shape "
                        + Arrays.toString(values.shape()) + ", expected "
                        + Arrays.toString(parameter.shape()));
            }
        });
    }

    /**
     * The parameters of {@code layers} by name, in layer order; for the {@code init} checks
     * here and in {@link InitValidator}, which run before there is a spec.
     */
    static Map<String, ParameterSpec> parametersByName(List<LayerSpec> layers) {
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (LayerSpec layer : layers) {
            for (ParameterSpec parameter : layer.parameters()) {
                parameters.put(parameter.name(), parameter);
            }
        }
        return parameters;
    }

    /** Every parameter in layer order, each layer's weight before its bias. */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> parameters = new ArrayList<>();
        for (LayerSpec layer : layers) {
            parameters.addAll(layer.parameters());
        }
        return List.copyOf(parameters);
    }

    /** The parameter called {@code name}, e.g. {@code layer1.weight}. */
    public Optional<ParameterSpec> parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long count = 0;
        for (LayerSpec layer : layers) {
            count += layer.parameterCount();
        }
        return count;
    }

    /** The last layer. */
    public LayerSpec outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** Output width: the last layer's units. */
    public int outputSize() {
        return outputLayer().units();
    }

    /** {@code package.Name}, or just {@code Name} in the default package. */
    public String qualifiedName() {
        return packageName.isEmpty() ? name : packageName + "." + name;
    }

    /** Lower-case hex SHA-256 of the raw description text. */
    public String sha256() {
        return source.sha256();
    }

    /** A copy with another precision (gradient checking forces double). */
    @Override
    public NetworkSpec withPrecision(Precision precision) {
        return new NetworkSpec(name, packageName, precision, inputSize, layers, loss, training,
                data, init, source);
    }

    /** A copy with other training settings (the CLI overrides epochs, rate, batch, seed). */
    @Override
    public NetworkSpec withTraining(TrainingSpec training) {
        return new NetworkSpec(name, packageName, precision, inputSize, layers, loss, training,
                data, init, source);
    }

    /** Compares everything but {@link #source()}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec that
                && name.equals(that.name)
                && packageName.equals(that.packageName)
                && precision == that.precision
                && inputSize == that.inputSize
                && layers.equals(that.layers)
                && loss == that.loss
                && training.equals(that.training)
                && Objects.equals(data, that.data)
                && init.equals(that.init);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, packageName, precision, inputSize, layers, loss, training, data,
                init);
    }
}
