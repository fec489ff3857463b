package dev.chainrule.description.graph;

import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Messages;
import dev.chainrule.description.ScalarReader;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.SpecNode;
import dev.chainrule.description.graph.GraphSpec.Constant;
import dev.chainrule.description.graph.GraphSpec.Param;
import dev.chainrule.description.graph.GraphSpec.ParamInit;
import dev.chainrule.description.graph.GraphValidator.ConstantEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code weights:} file of a graph description (what {@code chainrule import} writes beside
 * an imported model): starting values of its params and the values of its constants, keyed by
 * each one's ONNX name or by its name in the description. A param the file does not name keeps
 * its {@code init}.
 */
final class StartingWeights {

    static final StartingWeights NONE = new StartingWeights(null, null, "");

    private final Weights weights;
    private final SpecNode key;
    private final String path;

    StartingWeights(Weights weights, SpecNode key, String path) {
        this.weights = weights;
        this.key = key;
        this.path = path;
    }

    /** Reads the file a {@code weights:} value names, relative to the description. */
    static StartingWeights read(SpecNode node, String path, Path baseDirectory) {
        String file = ScalarReader.text(node, path, "a weights file such as Net.weights.json");
        return new StartingWeights(WeightsJson.read(baseDirectory.resolve(file).toFile()), node,
                path);
    }

    List<Param> params(List<Param> params) {
        List<Param> out = new ArrayList<>();
        for (Param p : params) {
            double[] values = find(p.runtimeName(), p.name(), p.shape());
            out.add(values == null ? p : p.withInit(new ParamInit.Literal(values)));
        }
        return out;
    }

    List<Constant> constants(List<ConstantEntry> constants) {
        List<Constant> out = new ArrayList<>();
        for (ConstantEntry c : constants) {
            ParamInit.Literal value = c.value();
            if (value == null) {
                String runtimeName = c.onnxName() != null ? c.onnxName() : c.name();
                double[] values = find(runtimeName, c.name(), c.shape());
                if (values == null) {
                    SourceLocation at = c.location();
                    throw SpecException.at(at.file(), at.line(), at.column(), at.path(),
                            "no value: give it with 'value:' or in the file that 'weights:' names");
                }
                value = new ParamInit.Literal(values);
            }
            out.add(new Constant(c.name(), c.shape(), value, c.onnxName(), c.location()));
        }
        return out;
    }

    /** The values under either name, checked against the shape; null when absent. */
    private double[] find(String runtimeName, String name, List<Integer> shape) {
        if (weights == null) {
            return null;
        }
        String found = weights.names().contains(runtimeName) ? runtimeName
                : weights.names().contains(name) ? name : null;
        if (found == null) {
            return null;
        }
        double[] values = weights.values(found);
        long size = TensorReader.size(shape);
        if (values.length != size) {
            String problem = Messages.quote(found) + " has " + Messages.plural(values.length,
                    "value") + ", but its shape " + shape + " holds " + size;
            throw key == null ? SpecException.inFile(weights.source(), problem)
                    : SpecException.at(key.position(), path, weights.source() + ": " + problem);
        }
        return values;
    }
}
