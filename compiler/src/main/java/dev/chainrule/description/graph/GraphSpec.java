package dev.chainrule.description.graph;

import dev.chainrule.description.DataSpec;
import dev.chainrule.description.Description;
import dev.chainrule.description.Precision;
import dev.chainrule.description.SpecSource;
import dev.chainrule.description.TrainingSpec;
import java.util.Arrays;
import java.util.List;

/**
 * A validated graph description: named leaves, ordered expression nodes, the output and the
 * loss. Names are valid identifiers, unique, and every expression uses only names defined
 * before it; shapes of expressions are checked later, by the graph builder.
 *
 * @param name simple name of the generated class, a Java identifier
 * @param packageName package of the generated class; {@code ""} for the default package
 * @param inputs fed per sample, in this order
 * @param targets fed per sample after the inputs; may be empty
 * @param params trainable tensors; may be empty
 * @param constants fixed tensors (an imported model's BatchNorm statistics); may be empty
 * @param nodes the {@code graph:} entries in document order
 * @param output the node {@code predict} prints and {@code grad} differentiates
 * @param loss the node {@code train} minimizes ({@code output} when the description names none)
 * @param data default data sets for the CLI, or {@code null}
 */
public record GraphSpec(String name, String packageName, Precision precision,
                        List<Leaf> inputs, List<Leaf> targets, List<Param> params,
                        List<Constant> constants, List<Node> nodes, Reference output,
                        Reference loss, TrainingSpec training, DataSpec data, SpecSource source)
        implements Description {

    public GraphSpec {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        params = List.copyOf(params);
        constants = List.copyOf(constants);
        nodes = List.copyOf(nodes);
    }

    /** A description without constants. */
    public GraphSpec(String name, String packageName, Precision precision,
                     List<Leaf> inputs, List<Leaf> targets, List<Param> params,
                     List<Node> nodes, Reference output, Reference loss,
                     TrainingSpec training, DataSpec data, SpecSource source) {
        this(name, packageName, precision, inputs, targets, params, List.of(), nodes, output,
                loss, training, data, source);
    }

    /** An input or target: its name, shape ({@code []}, {@code [n]} or {@code [r, c]}). */
    public record Leaf(String name, List<Integer> shape, SourceLocation location) {
        public Leaf {
            shape = List.copyOf(shape);
        }
    }

    /**
     * A trainable tensor with its initial values.
     *
     * @param onnxName the initializer an imported model names it by, or {@code null}: the
     *     trainer, its weights files and checkpoints then know the param by this name
     */
    public record Param(String name, List<Integer> shape, ParamInit init, String onnxName,
                        SourceLocation location) {
        public Param {
            shape = List.copyOf(shape);
        }

        public Param(String name, List<Integer> shape, ParamInit init, SourceLocation location) {
            this(name, shape, init, null, location);
        }

        /** The name the trainer knows it by: its ONNX name if it has one. */
        public String runtimeName() {
            return onnxName != null ? onnxName : name;
        }

        public Param withInit(ParamInit newInit) {
            return new Param(name, shape, newInit, onnxName, location);
        }
    }

    /**
     * A tensor that takes part in the math but does not train.
     *
     * @param values row-major, as many as the shape holds
     * @param onnxName the initializer it was imported from, or {@code null}
     */
    public record Constant(String name, List<Integer> shape, ParamInit.Literal values,
                           String onnxName, SourceLocation location) {
        public Constant {
            shape = List.copyOf(shape);
        }

        /** The name a weights file knows it by: its ONNX name if it has one. */
        public String runtimeName() {
            return onnxName != null ? onnxName : name;
        }
    }

    /** How a param starts. */
    public sealed interface ParamInit {
        /**
         * Explicit values, row-major, as many as the shape holds. Equal when the values are
         * (a record would compare the arrays by identity).
         */
        record Literal(double[] values) implements ParamInit {
            @Override
            public boolean equals(Object other) {
                return other instanceof Literal that && Arrays.equals(values, that.values);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(values);
            }

            @Override
            public String toString() {
                return "Literal" + Arrays.toString(values);
            }
        }

        /** Drawn from the training seed by a named scheme ({@code zeros}, {@code he_normal}...). */
        record Scheme(String spelling) implements ParamInit {}
    }

    /** One {@code graph:} entry. */
    public record Node(String name, Expression expression, SourceLocation location) {}

    /** The {@code output:} or {@code loss:} value: a name, and where it was written. */
    public record Reference(String name, SourceLocation location) {}

    @Override
    public String qualifiedName() {
        return packageName.isEmpty() ? name : packageName + "." + name;
    }

    @Override
    public String sha256() {
        return source.sha256();
    }

    @Override
    public GraphSpec withPrecision(Precision precision) {
        return new GraphSpec(name, packageName, precision, inputs, targets, params, constants,
                nodes, output, loss, training, data, source);
    }

    /** This graph with {@code output} as what predict prints and grad differentiates. */
    public GraphSpec withOutput(Reference output) {
        return new GraphSpec(name, packageName, precision, inputs, targets, params, nodes,
                output, loss, training, data, source);
    }

    @Override
    public GraphSpec withTraining(TrainingSpec training) {
        return new GraphSpec(name, packageName, precision, inputs, targets, params, constants,
                nodes, output, loss, training, data, source);
    }
}
