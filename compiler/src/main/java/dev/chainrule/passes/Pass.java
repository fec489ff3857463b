package dev.chainrule.passes;

import dev.chainrule.ir.Graph;

/** A named graph-to-graph transformation that says whether it changed anything. */
public interface Pass {

    String name();

    Result run(Graph graph);

    /** The pass's output graph and whether it differs from the input. */
    record Result(Graph graph, boolean changed) {}
}
