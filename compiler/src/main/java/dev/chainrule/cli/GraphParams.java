package dev.chainrule.cli;

import dev.chainrule.StartingValues;
import dev.chainrule.graph.Graph;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Messages;
import dev.chainrule.description.graph.GraphSpec;
import java.nio.file.Path;
import java.util.Map;

/** Starting params and per-sample leaf values of a graph's generated class. */
final class GraphParams {

    private GraphParams() {}

    /**
     * Every param drawn from its initializer and the training seed, then the description's
     * literal values on top, then {@code weights} when given.
     */
    static void initialize(Network net, GraphSpec spec, Path weights) {
        StartingValues.apply(net, spec, spec.training().seed());
        if (weights != null) {
            Networks.loadWeights(net, spec, weights);
        }
    }

    /**
     * The leaves of {@code role} flattened in declaration order; a leaf the output depends on
     * must have a value, the others are 0 when absent.
     */
    static double[] flatten(GeneratedGraph g, String role, Map<String, double[]> values,
                            Graph graph, String output) {
        boolean[] reaches = reachesOutput(graph, graph.value(output));
        int width = 0;
        for (String name : g.names()) {
            if (g.role(name).equals(role)) {
                width += GradCommand.size(g.shape(name));
            }
        }
        double[] flat = new double[width];
        int at = 0;
        for (String name : g.names()) {
            if (!g.role(name).equals(role)) {
                continue;
            }
            double[] v = values.get(name);
            if (v != null) {
                System.arraycopy(v, 0, flat, at, v.length);
            } else if (reaches[graph.value(name)]) {
                throw new UserError("chainrule grad: no value for " + role + " "
                        + Messages.quote(name) + " (give it with "
                        + (g.shape(name).length == 0 ? "--at " + name + "=NUMBER or " : "")
                        + "--values V.json)");
            }
            at += GradCommand.size(g.shape(name));
        }
        return flat;
    }

    private static boolean[] reachesOutput(Graph graph, int output) {
        boolean[] needed = new boolean[graph.nodes().size()];
        needed[output] = true;
        for (int id = output; id >= 0; id--) {
            if (needed[id]) {
                for (int in : graph.node(id).inputs()) {
                    needed[in] = true;
                }
            }
        }
        return needed;
    }


    /** predict feeds inputs only: a graph whose output reads a target cannot predict. */
    static void checkPredicts(dev.chainrule.description.Description d) {
        if (!(d instanceof GraphSpec spec)) {
            return;
        }
        Graph graph = dev.chainrule.graph.SpecToGraph.build(spec, java.util.List.of());
        boolean[] needed = reachesOutput(graph, graph.value(spec.output().name()));
        for (GraphSpec.Leaf t : spec.targets()) {
            if (needed[graph.value(t.name())]) {
                dev.chainrule.description.graph.SourceLocation o = spec.output().location();
                throw dev.chainrule.description.SpecException.at(o.file(), o.line(), o.column(), o.path(),
                        "predict feeds inputs only, but the output " + Messages.quote(
                                spec.output().name()) + " depends on the target "
                                + Messages.quote(t.name()));
            }
        }
    }
}
