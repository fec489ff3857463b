package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Interpreter;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.graph.GraphSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * PyTorch's exports imported through the path every command takes ({@code Descriptions.parse}
 * of a {@code .onnx} file) predict what torch computed: the reference interpreter in double to
 * 1e-12 (torch ran in double from the same weights), each backend to 1e-5 relative in float and
 * 1e-12 in double, and the two backends agree bit for bit.
 */
class OnnxImportTest {

    static final java.util.List<String> MODELS = TorchModels.NAMES;

    @ParameterizedTest
    @FieldSource("MODELS")
    void theInterpreterComputesWhatTorchComputed(String name) {
        GraphSpec spec = (GraphSpec) Descriptions.parse(TorchModels.model(name));
        Graph forward = Chainrule.compile(spec).forward();
        double[][] x = TorchModels.inputs(name);
        double[][] expected = TorchModels.outputs(name);
        Map<String, Tensor> leaves = new HashMap<>();
        for (GraphSpec.Param p : spec.params()) {
            leaves.put(p.runtimeName(), new Tensor(new Shape(p.shape()),
                    ((GraphSpec.ParamInit.Literal) p.init()).values()));
        }
        for (Node target : forward.leaves(Role.TARGET)) {
            leaves.put(((Leaf) target.op()).name(), Tensor.zeros(target.shape()));
        }
        Node input = forward.leaves(Role.INPUT).get(0);
        for (int row = 0; row < x.length; row++) {
            leaves.put(((Leaf) input.op()).name(), new Tensor(input.shape(), x[row]));
            Tensor y = Interpreter.run(forward, leaves)[forward.value(spec.output().name())];
            assertClose(expected[row], y.data(), 1e-12, name + " row " + row);
        }
    }

    @ParameterizedTest
    @FieldSource("MODELS")
    void bothBackendsPredictWhatTorchPredicted(String name) {
        GraphSpec spec = (GraphSpec) Descriptions.parse(TorchModels.model(name));
        double tolerance = spec.precision() == dev.chainrule.description.Precision.DOUBLE ? 1e-12 : 1e-5;
        var lowered = Chainrule.compile(spec).lowered();
        Network source = Backend.SOURCE.instantiate(lowered);
        Network bytecode = Backend.BYTECODE.instantiate(lowered);
        StartingValues.apply(source, spec, 1);
        StartingValues.apply(bytecode, spec, 1);
        double[][] x = TorchModels.inputs(name);
        double[][] expected = TorchModels.outputs(name);
        for (int row = 0; row < x.length; row++) {
            double[] a = new double[source.outputSize()];
            double[] b = new double[bytecode.outputSize()];
            source.predict(x[row], a);
            bytecode.predict(x[row], b);
            assertArrayEquals(a, b, name + " row " + row + ": backends differ");
            assertClose(expected[row], a, tolerance, name + " row " + row);
        }
    }

    static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what + ": output size");
        for (int k = 0; k < expected.length; k++) {
            double error = Math.abs(expected[k] - actual[k]);
            double allowed = relative * Math.max(1, Math.abs(expected[k]));
            int index = k;
            assertTrue(error <= allowed, () -> what + " [" + index + "]: expected "
                    + expected[index] + ", got " + actual[index]);
        }
    }
}
