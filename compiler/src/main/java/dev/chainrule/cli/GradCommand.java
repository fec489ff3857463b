package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.graph.Graph;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.Messages;
import dev.chainrule.description.Precision;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.Suggestions;
import dev.chainrule.description.graph.GraphSpec;
import dev.chainrule.description.graph.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule grad}: evaluates a graph description's scalar {@code output} (or the loss
 * when the output is not a scalar, or any scalar name given with {@code --of}) with the
 * generated class (in double) and prints one JSON object: its value, d output / d every leaf,
 * and with {@code --nodes} the derivative of every name.
 *
 * <pre>
 * chainrule grad samples/graphs/seed.yaml --at a=2,b=1
 * {"output": "e", "value": 6.0, "gradient": {"a": 2.0, "b": 5.0}}
 * chainrule grad samples/graphs/seed.yaml --at a=2,b=1 --mode forward --wrt b --nodes
 * </pre>
 */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = "Evaluate a graph's output and its derivatives, as JSON.")
final class GradCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--at", split = ",", paramLabel = "NAME=NUMBER",
            description = "Scalar inputs and targets, e.g. --at a=2,b=1.")
    List<String> at = new ArrayList<>();

    @Option(names = "--values", paramLabel = "V.json",
            description = "Inputs and targets as a JSON object of numbers or nested lists.")
    Path values;

    @Option(names = "--weights", paramLabel = "W.json",
            description = "Params from a weights file (default: each param's init).")
    Path weights;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "reverse",
            description = "reverse (one backward pass, the default) or forward (one tangent"
                    + " pass per element of each leaf).")
    String mode;

    @Option(names = "--wrt", split = ",", paramLabel = "NAME",
            description = "Leaves to differentiate with respect to (default: every input,"
                    + " target and param).")
    List<String> wrt;

    @Option(names = "--of", paramLabel = "NODE",
            description = "The scalar name to differentiate (default: the output, or the loss"
                    + " when the output is not a scalar).")
    String of;

    @Option(names = "--nodes", description = "Also print the derivative of every name:"
            + " d output / d name (reverse), or d name / d the one --wrt leaf (forward).")
    boolean nodes;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean forward = switch (mode) {
            case "reverse" -> false;
            case "forward" -> true;
            default -> throw new UserError("chainrule grad: --mode: expected reverse or forward,"
                    + " got " + Messages.quote(mode));
        };
        Description d = Descriptions.parse(description.file);
        if (!(d instanceof GraphSpec graphSpec)) {
            throw new UserError(description.file + ": grad needs a graph description (with"
                    + " inputs and a graph: section), not a layer description");
        }
        GraphSpec spec64 = (GraphSpec) graphSpec.withPrecision(Precision.DOUBLE);
        Chainrule.Compilation c = Chainrule.compile(spec64);
        Graph graph = c.forward();
        String output = differentiated(spec64, graph);
        if (!output.equals(spec64.output().name())) {
            // the class differentiates its output: compile the one whose output is that name
            spec64 = spec64.withOutput(new GraphSpec.Reference(output,
                    spec64.output().location()));
            c = Chainrule.compile(spec64);
            graph = c.forward();
        }
        GeneratedGraph g = (GeneratedGraph) run.backend.instantiate(c.lowered());
        GraphParams.initialize(g, spec64, weights);

        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        for (String name : g.names()) {
            shapes.put(name, g.shape(name));
            roles.put(name, g.role(name));
        }
        LeafValues given = new LeafValues(shapes, roles);
        if (values != null) {
            given.readJson(values);
        }
        given.readAt(at);
        double[] x = GraphParams.flatten(g, "input", given.values(), graph, output);
        double[] t = GraphParams.flatten(g, "target", given.values(), graph, output);
        List<String> leaves = leaves(g, roles, forward);

        double[] value = g.evaluateAll(x, t);
        StringBuilder json = new StringBuilder("{\"output\": ").append(JsonText.string(output))
                .append(", \"value\": ").append(JsonText.number(value[g.offset(output)]))
                .append(", \"gradient\": {");
        double[] adjoints = forward ? null : g.reverseAll();
        for (int k = 0; k < leaves.size(); k++) {
            String leaf = leaves.get(k);
            double[] grad = forward ? byTangents(g, leaf, output) : slice(g, adjoints, leaf);
            json.append(k > 0 ? ", " : "").append(JsonText.string(leaf)).append(": ")
                    .append(JsonText.tensor(grad, 0, g.shape(leaf)));
        }
        json.append('}');
        if (nodes) {
            double[] all = forward ? g.tangentAll(unitSeed(g, leaves.get(0), 0)) : adjoints;
            json.append(", \"nodes\": {");
            String[] names = g.names();
            for (int k = 0; k < names.length; k++) {
                json.append(k > 0 ? ", " : "").append(JsonText.string(names[k])).append(": ")
                        .append(JsonText.tensor(all, g.offset(names[k]), g.shape(names[k])));
            }
            json.append('}');
        }
        json.append('}');
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }

    /**
     * The scalar name whose derivatives are printed: {@code --of}, else the output when it is a
     * scalar, else the loss when that is one (a classifier's output is its probabilities).
     */
    private String differentiated(GraphSpec spec, Graph graph) {
        if (of != null) {
            if (!graph.values().containsKey(of)) {
                throw new UserError("chainrule grad: --of: unknown name " + Messages.quote(of)
                        + Suggestions.closest(of, graph.values().keySet()).map(s -> " (did you"
                        + " mean " + Messages.quote(s) + "?)").orElse(""));
            }
            if (!graph.shape(graph.value(of)).isScalar()) {
                throw new UserError("chainrule grad: --of: " + Messages.quote(of) + " has shape "
                        + graph.shape(graph.value(of)) + "; grad differentiates a scalar");
            }
            return of;
        }
        String output = spec.output().name();
        if (graph.shape(graph.value(output)).isScalar()) {
            return output;
        }
        String loss = spec.loss().name();
        if (graph.shape(graph.value(loss)).isScalar()) {
            return loss;
        }
        SourceLocation o = spec.output().location();
        throw SpecException.at(o.file(), o.line(), o.column(), o.path(), "grad needs a"
                + " scalar output, but " + Messages.quote(output) + " has shape "
                + graph.shape(graph.value(output)) + " (name a scalar with --of NODE)");
    }

    /** The leaves to differentiate with respect to, checked. */
    private List<String> leaves(GeneratedGraph g, Map<String, String> roles, boolean forward) {
        List<String> all = new ArrayList<>();
        roles.forEach((name, role) -> {
            if (!role.equals("node")) {
                all.add(name);
            }
        });
        if (wrt == null) {
            if (nodes && forward) {
                throw new UserError("chainrule grad: --nodes in forward mode needs one scalar"
                        + " --wrt leaf (d every name / d that leaf)");
            }
            return all;
        }
        for (String name : wrt) {
            if (!roles.containsKey(name)) {
                throw new UserError("chainrule grad: --wrt: unknown name " + Messages.quote(name)
                        + Suggestions.closest(name, roles.keySet()).map(s -> " (did you mean "
                        + Messages.quote(s) + "?)").orElse(""));
            }
            if (roles.get(name).equals("node")) {
                throw new UserError("chainrule grad: --wrt: " + Messages.quote(name) + " is a"
                        + " graph node; derivatives are taken with respect to inputs, targets"
                        + " and params (--nodes prints every node's)");
            }
        }
        if (nodes && forward && (wrt.size() != 1 || g.shape(wrt.get(0)).length != 0)) {
            throw new UserError("chainrule grad: --nodes in forward mode needs exactly one"
                    + " scalar --wrt leaf, got " + String.join(",", wrt));
        }
        return List.copyOf(wrt);
    }

    private static double[] slice(GeneratedGraph g, double[] all, String name) {
        int size = size(g.shape(name));
        double[] out = new double[size];
        System.arraycopy(all, g.offset(name), out, 0, size);
        return out;
    }

    /** d output / d each element of {@code leaf}: one tangent pass per element. */
    private static double[] byTangents(GeneratedGraph g, String leaf, String output) {
        double[] out = new double[size(g.shape(leaf))];
        for (int k = 0; k < out.length; k++) {
            out[k] = g.tangentAll(unitSeed(g, leaf, k))[g.offset(output)];
        }
        return out;
    }

    /** A tangent seed of 1 at element {@code k} of {@code leaf}, 0 elsewhere. */
    private static double[] unitSeed(GeneratedGraph g, String leaf, int k) {
        double[] seed = new double[g.leafSize()];
        seed[g.offset(leaf) + k] = 1;
        return seed;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
