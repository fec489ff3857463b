package dev.chainrule.passes;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.GraphVerifier;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs passes in order, repeating the whole list until nothing changes (at most
 * {@value #MAX_ROUNDS} rounds, like XLA's fix-point wrapper). An optional observer sees the
 * graph after every pass ({@code --print-after}); with {@code verify}, the IR verifier runs
 * after every pass.
 */
public final class PassPipeline {

    public static final int MAX_ROUNDS = 25;

    private final List<Pass> passes;
    private final boolean verify;
    private final BiConsumer<String, Graph> observer;

    public PassPipeline(List<Pass> passes, boolean verify, BiConsumer<String, Graph> observer) {
        this.passes = List.copyOf(passes);
        this.verify = verify;
        this.observer = observer;
    }

    /** The standard optimization pipeline. */
    public static PassPipeline standard(boolean verify) {
        return new PassPipeline(List.of(new AlgebraicSimplification(),
                new CommonSubexpressionElimination(), new DeadCodeElimination()), verify,
                (name, graph) -> { });
    }

    public Graph run(Graph graph) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Pass pass : passes) {
                Pass.Result result = pass.run(graph);
                graph = result.graph();
                changed |= result.changed();
                if (verify) {
                    GraphVerifier.verify(graph);
                }
                observer.accept(pass.name(), graph);
            }
            if (!changed) {
                return graph;
            }
        }
        return graph;
    }
}
