package dev.chainrule.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One dense layer: {@code y = activation(W x + b)} with {@code W} of shape {@code [units][fanIn]}.
 *
 * @param name the layer's name, {@code layer1}, {@code layer2}, ... by default (1-based position)
 * @param units output width
 * @param activation activation applied to the output
 * @param bias whether the layer adds a bias vector {@code b}
 * @param fanIn input width: the description's {@code input} for the first layer, else the
 *     previous layer's {@code units}
 * @param weightInitializer how the weights are drawn (the layer's {@code init} key); by default
 *     {@link Initializer#forWeightsOf} the activation. Biases start at zero.
 */
public record LayerSpec(String name, int units, Activation activation, boolean bias, int fanIn,
                        Initializer weightInitializer) {

    /** A layer whose weights use the default initializer of its activation. */
    public LayerSpec(String name, int units, Activation activation, boolean bias, int fanIn) {
        this(name, units, activation, bias, fanIn, Initializer.forWeightsOf(activation));
    }

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weightInitializer, "weightInitializer");
        if (units < 1 || fanIn < 1) {
            throw new IllegalArgumentException("layer " + name
                    + " needs units and fanIn >= 1, got " + units + " and " + fanIn);
        }
    }

    /** The default name of the layer at 0-based {@code index}: {@code layer<index + 1>}. */
    public static String defaultName(int index) {
        return "layer" + (index + 1);
    }

    /** {@code <name>.weight}. */
    public String weightName() {
        return name + "." + ParameterSpec.Kind.WEIGHT.suffix();
    }

    /** {@code <name>.bias}; only a parameter when {@link #bias()} is true. */
    public String biasName() {
        return name + "." + ParameterSpec.Kind.BIAS.suffix();
    }

    /** This layer's parameters: the weight, then the bias if it has one. */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> parameters = new ArrayList<>(2);
        parameters.add(new ParameterSpec(this, ParameterSpec.Kind.WEIGHT));
        if (bias) {
            parameters.add(new ParameterSpec(this, ParameterSpec.Kind.BIAS));
        }
        return List.copyOf(parameters);
    }

    /** Number of scalar parameters: {@code units * fanIn} plus {@code units} with a bias. */
    public long parameterCount() {
        return (long) units * fanIn + (bias ? units : 0);
    }
}
