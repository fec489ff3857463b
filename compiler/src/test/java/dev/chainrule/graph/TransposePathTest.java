package dev.chainrule.graph;

import static dev.chainrule.graph.Graphs.call;
import static dev.chainrule.graph.Graphs.name;
import static dev.chainrule.graph.Graphs.op;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.Expression.Operator;
import dev.chainrule.description.graph.GraphSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The old IR's silent bug (issue 9): a value reaching the loss through Wᵀx got no gradient.
 * With h = Wᵀx, z = W h, loss = sum(z), the gradient of W has two parts, 1·hᵀ (through W h) and
 * x·(Wᵀ1)ᵀ (through Wᵀx); it must equal central differences of the interpreter, from the
 * interpreter's derivative graph and from generated code (training gradient and reverse pass).
 */
class TransposePathTest {

    static final double[] W = {0.5, -1.25, 2.0, 0.75, -0.5, 1.5};
    static final double[] X = {1.5, -2.0, 0.25};

    static GraphSpec spec() {
        return new Graphs.Spec("TransposePath").input("x", 3).param("W", W.clone(), 3, 2)
                .node("h", op(Operator.MATMUL, call(Function.TRANSPOSE, name("W")), name("x")))
                .node("z", op(Operator.MATMUL, name("W"), name("h")))
                .node("loss", call(Function.SUM, name("z")))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void gradientOfWHasBothPaths(Backend backend) {
        Chainrule.Compilation c = Chainrule.compile(spec());
        double[] fd = centralDifferences(c.forward());
        // only the W h path would give 1·hᵀ: far from the true gradient
        double[] h = {W[0] * X[0] + W[2] * X[1] + W[4] * X[2], W[1] * X[0] + W[3] * X[1] + W[5] * X[2]};
        double[] onePath = {h[0], h[1], h[0], h[1], h[0], h[1]};
        assertTrue(distance(fd, onePath) > 1, "the Wᵀx path matters here");

        Graph g = c.differentiated();
        Tensor[] v = Interpreter.run(g, leaves(W));
        close(fd, v[g.gradients().get("W")].data(), "interpreter gradient");
        close(fd, v[g.adjoints().get("W")].data(), "interpreter adjoint");

        GeneratedGraph net = (GeneratedGraph) backend.instantiate(c.lowered());
        net.setParameter("W", W.clone());
        net.computeGradient(X.clone(), new double[0]);
        close(fd, net.getGradient("W"), backend + " training gradient");
        net.evaluateAll(X.clone(), new double[0]);
        double[] adjoints = net.reverseAll();
        int at = net.offset("W");
        close(fd, Arrays.copyOfRange(adjoints, at, at + 6), backend + " reverse pass");
    }

    private static Map<String, Tensor> leaves(double[] w) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", new Tensor(Shape.of(3), X.clone()));
        out.put("W", new Tensor(Shape.of(3, 2), w));
        return out;
    }

    private static double[] centralDifferences(Graph forward) {
        double[] out = new double[W.length];
        int loss = forward.value("loss");
        for (int k = 0; k < W.length; k++) {
            double step = 1e-6;
            double[] plus = W.clone();
            double[] minus = W.clone();
            plus[k] += step;
            minus[k] -= step;
            out[k] = (Interpreter.run(forward, leaves(plus))[loss].item()
                    - Interpreter.run(forward, leaves(minus))[loss].item()) / (2 * step);
        }
        return out;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d = Math.max(d, Math.abs(a[k] - b[k]));
        }
        return d;
    }

    private static void close(double[] fd, double[] got, String what) {
        for (int k = 0; k < fd.length; k++) {
            double tol = 1e-6 * Math.abs(fd[k]) + 1e-7;
            int i = k;
            assertTrue(Math.abs(fd[k] - got[k]) <= tol, () -> what + ": dloss/dW[" + i + "] is "
                    + got[i] + ", central difference " + fd[i] + " (" + Arrays.toString(got) + ")");
        }
    }
}
