package dev.chainrule.cli;

import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.graph.GraphSpec;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * A weights file for a graph whose params have ONNX names: the trainer knows them by those
 * names, a file may use either those or the description's identifiers, and a file of every
 * initializer (what {@code chainrule import} writes) also holds the constants, which are not
 * the trainer's to set.
 */
final class NamedWeights {

    private NamedWeights() {}

    static Weights read(GraphSpec spec, File file) {
        Weights weights = WeightsJson.read(file);
        Map<String, String> rename = new HashMap<>();
        for (GraphSpec.Constant c : spec.constants()) {
            rename.put(c.name(), null);
            rename.put(c.runtimeName(), null);
        }
        for (GraphSpec.Param p : spec.params()) {
            if (!weights.names().contains(p.runtimeName())) {
                rename.put(p.name(), p.runtimeName());
            }
        }
        return weights.renamed(rename);
    }
}
