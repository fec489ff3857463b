package dev.chainrule;

import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Description;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.graph.GraphSpec;

/**
 * The starting values of a description's trainer, the same wherever it trains (CLI, sweep,
 * Spark): every parameter drawn from its initializer and {@code seed}, then the values the
 * description gives explicitly (a layer description's {@code init:}, a graph param's literal
 * {@code init}) on top.
 *
 * <pre>{@code
 * Network net = Backend.BYTECODE.instantiate(lowered);
 * StartingValues.apply(net, description, description.training().seed());
 * }</pre>
 */
public final class StartingValues {

    private StartingValues() {}

    public static void apply(Network net, Description description, long seed) {
        Initializer.initialize(net, seed);
        if (description instanceof GraphSpec graph) {
            for (GraphSpec.Param p : graph.params()) {
                if (p.init() instanceof GraphSpec.ParamInit.Literal literal) {
                    net.setParameter(p.runtimeName(), literal.values());
                }
            }
        } else {
            ((NetworkSpec) description).init().forEach((parameter, values) ->
                    net.setParameter(parameter, values.values()));
        }
    }
}
