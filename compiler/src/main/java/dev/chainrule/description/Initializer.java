package dev.chainrule.description;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a parameter's initial values are drawn from the training seed when the description's
 * {@code init} section does not give them; the formulas are {@code torch.nn.init}'s:
 *
 * <ul>
 *   <li>{@code zeros}: all zero (biases).</li>
 *   <li>{@code glorot_uniform}: uniform in {@code ±sqrt(6 / (fanIn + fanOut))} (default for
 *       weights of non-relu layers); {@code glorot_normal}: normal, std
 *       {@code sqrt(2 / (fanIn + fanOut))}.</li>
 *   <li>{@code he_uniform}: uniform in {@code ±sqrt(6 / fanIn)} (default for weights of relu
 *       layers); {@code he_normal}: normal, std {@code sqrt(2 / fanIn)} (kaiming, fan_in, relu
 *       gain).</li>
 *   <li>{@code normal(std=s)}: normal with mean 0 and std {@code s} (default 1, as
 *       {@code normal_}); {@code uniform(a=a)}: uniform in {@code ±a} (default 1).</li>
 * </ul>
 *
 * <p>A parameter of shape {@code [r, c]} has {@code fanIn = c} and {@code fanOut = r}, as PyTorch
 * computes them for a {@code Linear} weight; a vector {@code [n]} has {@code fanIn = fanOut = n};
 * a scalar has {@code fanIn = fanOut = 1}. The {@linkplain #spelling() spelling} is the one the
 * runtime's parameter spec carries, without spaces: {@code he_normal},
 * {@code normal(std=0.02)}, {@code uniform(a=0.1)}. A description writes the name, the spelling,
 * or a mapping such as {@code {type: normal, std: 0.02}}.
 *
 * @param kind the scheme
 * @param parameter the scheme's setting (std or a); NaN for schemes without one
 */
public record Initializer(Kind kind, double parameter) {

    /** The schemes. */
    public enum Kind {
        ZEROS("zeros", null),
        GLOROT_UNIFORM("glorot_uniform", null),
        GLOROT_NORMAL("glorot_normal", null),
        HE_UNIFORM("he_uniform", null),
        HE_NORMAL("he_normal", null),
        NORMAL("normal", "std"),
        UNIFORM("uniform", "a");

        private final String spelling;
        private final String setting;

        Kind(String spelling, String setting) {
            this.spelling = spelling;
            this.setting = setting;
        }

        /** As a description writes it, e.g. {@code he_normal}. */
        public String spelling() {
            return spelling;
        }

        /** The name of this scheme's setting ({@code std}, {@code a}), or null. */
        public String setting() {
            return setting;
        }
    }

    public static final Initializer ZEROS = of(Kind.ZEROS);
    public static final Initializer GLOROT_UNIFORM = of(Kind.GLOROT_UNIFORM);
    public static final Initializer GLOROT_NORMAL = of(Kind.GLOROT_NORMAL);
    public static final Initializer HE_UNIFORM = of(Kind.HE_UNIFORM);
    public static final Initializer HE_NORMAL = of(Kind.HE_NORMAL);

    /** @throws IllegalArgumentException for a setting that is not finite and {@code > 0} */
    public Initializer {
        Objects.requireNonNull(kind, "kind");
        if (kind.setting == null) {
            parameter = Double.NaN;
        } else if (!(parameter > 0) || Double.isInfinite(parameter)) {
            throw new IllegalArgumentException(kind.setting + " must be finite and > 0, got "
                    + parameter);
        }
    }

    /** {@code kind} with its default setting (std 1, a 1). */
    public static Initializer of(Kind kind) {
        return new Initializer(kind, 1.0);
    }

    /** Normal with mean 0 and standard deviation {@code std}. */
    public static Initializer normal(double std) {
        return new Initializer(Kind.NORMAL, std);
    }

    /** Uniform in {@code [-a, a)}. */
    public static Initializer uniform(double a) {
        return new Initializer(Kind.UNIFORM, a);
    }

    /**
     * The runtime's name for this scheme: {@code he_uniform}, {@code normal(std=0.02)}. Settings
     * print as {@link Double#toString}, so they read back exactly.
     */
    public String spelling() {
        return kind.setting == null ? kind.spelling
                : String.format(Locale.ROOT, "%s(%s=%s)", kind.spelling, kind.setting,
                        Double.toString(parameter));
    }

    /** The scheme {@code text} spells ({@link #spelling()}, or a bare name), if any. */
    public static Optional<Initializer> parse(String text) {
        int open = text.indexOf('(');
        String name = open < 0 ? text : text.substring(0, open);
        for (Kind kind : Kind.values()) {
            if (!kind.spelling.equals(name)) {
                continue;
            }
            if (open < 0) {
                return Optional.of(of(kind));
            }
            String prefix = kind.setting + "=";
            String inside = text.endsWith(")") ? text.substring(open + 1, text.length() - 1) : "";
            if (kind.setting == null || !inside.startsWith(prefix)) {
                return Optional.empty();
            }
            try {
                double value = Double.parseDouble(inside.substring(prefix.length()));
                return value > 0 && !Double.isInfinite(value)
                        ? Optional.of(new Initializer(kind, value)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The default scheme for the weights of a layer with {@code activation}. */
    public static Initializer forWeightsOf(Activation activation) {
        return activation == Activation.RELU ? HE_UNIFORM : GLOROT_UNIFORM;
    }

    @Override
    public String toString() {
        return spelling();
    }
}
