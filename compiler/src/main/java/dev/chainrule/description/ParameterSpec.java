package dev.chainrule.description;

import java.util.Objects;

/**
 * A trainable parameter of a layer: its weight matrix or its bias vector.
 *
 * <p>Weights are named {@code <layer>.weight} with shape {@code [out][in]}
 * ({@code [units][fanIn]}); biases {@code <layer>.bias} with shape {@code [out]}. A conv
 * layer's are {@code [K, C, kh, kw]} and {@code [K]}.
 *
 * @param layer the layer that owns this parameter
 * @param kind weight or bias
 */
public record ParameterSpec(LayerSpec layer, Kind kind) {

    /** Which of a layer's parameters. */
    public enum Kind {
        WEIGHT("weight"),
        BIAS("bias");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** The part of a parameter name after the layer name and the dot. */
        public String suffix() {
            return suffix;
        }
    }

    public ParameterSpec {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.BIAS && !layer.bias()) {
            throw new IllegalArgumentException("layer " + layer.name() + " has no bias");
        }
    }

    /** {@code <layer>.weight} or {@code <layer>.bias}. */
    public String name() {
        return layer.name() + "." + kind.suffix();
    }

    /** {@code {out, in}} for a weight, {@code {out}} for a bias; a fresh array. */
    public int[] shape() {
        if (layer.image() != null) { // a conv layer: PyTorch's [K, C, kh, kw] and [K]
            int[] filters = layer.image().filterShape();
            return kind == Kind.WEIGHT ? filters : new int[] {filters[0]};
        }
        return kind == Kind.WEIGHT
                ? new int[] {layer.units(), layer.fanIn()}
                : new int[] {layer.units()};
    }

    /** Number of scalar values. */
    public long size() {
        long n = 1;
        for (int d : shape()) {
            n *= d;
        }
        return n;
    }

    /** Default scheme: the layer's weight initializer for a weight, zeros for a bias. */
    public Initializer initializer() {
        return kind == Kind.WEIGHT ? layer.weightInitializer() : Initializer.ZEROS;
    }
}
