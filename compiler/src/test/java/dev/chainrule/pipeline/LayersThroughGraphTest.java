package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.GraphCompiler;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.spec.DataSource;
import dev.chainrule.spec.Loss;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bundled layer description, compiled through the graph IR ({@code LayerToGraph}), trains
 * on its own data to the same losses and weights, bit for bit, as through the layer pipeline:
 * the graph path is a drop-in for the layer form.
 */
class LayersThroughGraphTest {

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "worked-example.yaml, BYTECODE", "xor.yaml, SOURCE", "sigmoid-232.yaml, BYTECODE",
        "iris.yaml, BYTECODE", "digits.yaml, SOURCE", "mnist.yaml, BYTECODE",
    })
    void sameWeightsBitForBit(String sample, Backend backend) throws Exception {
        NetworkSpec spec = SpecParser.parse(sample(sample));
        Network layers = backend.instantiate(Chainrule.compile(spec).lowered());
        Network graph = backend.instantiate(GraphCompiler.compileLayers(spec));
        assertEquals(layers.classifier(), graph.classifier());
        Initializer.initialize(layers, spec.training().seed());
        spec.init().forEach((name, v) -> layers.setParameter(name, v.values()));
        for (String name : layers.parameterNames()) {
            graph.setParameter(name, layers.getParameter(name));
        }
        Dataset data = load(spec);
        int n = Math.min(data.size(), 600);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 31) % n;
        }
        int batch = spec.training().batchSize();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                double a = layers.trainBatch(data.inputs(), data.targets(), order, from, count,
                        spec.training().learningRate());
                double b = graph.trainBatch(data.inputs(), data.targets(), order, from, count,
                        spec.training().learningRate());
                assertEquals(a, b, 1e-5 * Math.abs(a), "loss of the batch at " + from);
            }
        }
        for (String name : layers.parameterNames()) {
            assertArrayEquals(layers.getParameter(name), graph.getParameter(name), name);
        }
    }

    private static Dataset load(NetworkSpec spec) {
        DataSource train = spec.data().train();
        if (train instanceof DataSource.Idx idx) {
            return IdxLoader.load(idx.images().toFile(), idx.labels().toFile(), spec.inputSize(),
                    spec.outputSize());
        }
        return CsvLoader.load(((DataSource.Csv) train).file().toFile(), spec.inputSize(),
                spec.outputSize(), spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY);
    }

    private static Path sample(String name) {
        Path directory = Path.of("").toAbsolutePath();
        while (!Files.exists(directory.resolve("samples").resolve(name))) {
            directory = directory.getParent();
        }
        return directory.resolve("samples").resolve(name);
    }
}
