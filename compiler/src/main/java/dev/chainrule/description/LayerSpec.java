package dev.chainrule.description;

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
                        Initializer weightInitializer, ImageLayer image) {

    /** A layer whose weights use the default initializer of its activation. */
    public LayerSpec(String name, int units, Activation activation, boolean bias, int fanIn) {
        this(name, units, activation, bias, fanIn, Initializer.forWeightsOf(activation));
    }

    /** A dense layer. */
    public LayerSpec(String name, int units, Activation activation, boolean bias, int fanIn,
                     Initializer weightInitializer) {
        this(name, units, activation, bias, fanIn, weightInitializer, null);
    }

    /**
     * A conv2d, pool or flatten layer: {@code units} and {@code fanIn} are its output's and
     * input's element counts, so the width chain of the layers holds across them.
     */
    public static LayerSpec image(String name, ImageLayer image, Activation activation,
                                  boolean bias, Initializer weightInitializer) {
        return new LayerSpec(name, ImageLayer.size(image.out()), activation,
                image.isConv() && bias, ImageLayer.size(image.in()), weightInitializer, image);
    }

    /** True for a dense layer, false for a conv2d, pool or flatten layer. */
    public boolean isDense() {
        return image == null;
    }

    /** True when the layer has a weight: a dense or conv2d layer. */
    public boolean hasWeight() {
        return image == null || image.isConv();
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

    /** This layer's parameters: the weight, then the bias if it has one (a pool has none). */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> parameters = new ArrayList<>(2);
        if (!hasWeight()) {
            return List.of();
        }
        parameters.add(new ParameterSpec(this, ParameterSpec.Kind.WEIGHT));
        if (bias) {
            parameters.add(new ParameterSpec(this, ParameterSpec.Kind.BIAS));
        }
        return List.copyOf(parameters);
    }

    /**
     * Multiply-adds of one forward pass: {@code units · fanIn} for a dense layer, each output
     * element's {@code C · kh · kw} for a conv layer, none for a pool or flatten.
     */
    public double multiplyAdds() {
        if (image == null) {
            return (double) units * fanIn;
        }
        return image.isConv() ? (double) units * image.in().get(0) * image.kh() * image.kw() : 0;
    }

    /** Number of scalar parameters: {@code units * fanIn} plus {@code units} with a bias. */
    public long parameterCount() {
        return parameters().stream().mapToLong(ParameterSpec::size).sum();
    }
}
