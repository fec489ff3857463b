package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The textbook example, end to end through the generated class, on both backends. */
class WorkedExampleTest {

    static final String YAML = """
            name: WorkedExample
            precision: double
            input: 2
            layers:
              - units: 2
                activation: identity
                bias: false
              - name: out
                units: 1
                activation: identity
                bias: false
            loss: squared_error
            training:
              learning_rate: 0.1
            """;

    static Network network(Backend backend) {
        NetworkSpec spec = SpecParser.parse(YAML, "worked.yaml", Path.of("."));
        Network net = backend.instantiate(Chainrule.compile(spec).lowered());
        net.setParameter("layer1.weight", new double[] {0.5, 1.5, 2.3, 3.0});
        net.setParameter("out.weight", new double[] {1.0, 1.0});
        return net;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forwardOutputAndLoss(Backend backend) {
        Network net = network(backend);
        double[] y = new double[1];
        net.predict(new double[] {1, 0.5}, y);
        assertEquals(5.05, y[0], 1e-12);
        assertEquals(0.55125, net.loss(new double[] {1, 0.5}, new double[] {4}), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void oneSgdStepGivesTheTextbookWeights(Backend backend) {
        Network net = network(backend);
        double[][] xs = {{1, 0.5}};
        double[][] ts = {{4}};
        double loss = net.trainBatch(xs, ts, new int[] {0}, 0, 1, 0.1);
        assertEquals(0.55125, loss, 1e-12);
        assertArrayEquals(new double[] {0.86875, 0.601}, net.getParameter("out.weight"), 1e-12);
        assertArrayEquals(new double[] {0.395, 1.4475, 2.195, 2.9475},
                net.getParameter("layer1.weight"), 1e-12);
        double[] y = new double[1];
        net.predict(xs[0], y);
        assertEquals(3.1768328125, y[0], 1e-12);
        assertEquals(0.5 * 0.8231671875 * 0.8231671875, net.loss(xs[0], ts[0]), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void gradientsAreTheHandDerivedOnes(Backend backend) {
        Network net = network(backend);
        net.computeGradient(new double[] {1, 0.5}, new double[] {4});
        assertArrayEquals(new double[] {1.3125, 3.99}, net.getGradient("out.weight"), 1e-12);
        assertArrayEquals(new double[] {1.05, 0.525, 1.05, 0.525},
                net.getGradient("layer1.weight"), 1e-12);
    }
}
