package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.DataSource;
import dev.chainrule.description.Loss;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bundled layer sample, trained two epochs on up to 600 of its rows, ends with exactly the
 * weights it had before the layer form went through the graph IR: the SHA-256 of every
 * parameter's bits was recorded from the layer pipeline (issue 9) and must never change
 * unless the arithmetic is meant to. Batch 1 exercises the fused step, batch 32 the accumulators.
 */
class SampleWeightsTest {

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "worked-example.yaml, BYTECODE, 1052d7c3967dff12ec134ca705756187e98ec7496b94cf69cb55a7c59c04c027",
        "xor.yaml, SOURCE, 28aa9aa1792e283fae41ba1eb5afac474a80c8c3429266d3969313bbe36f7eac",
        "sigmoid-232.yaml, BYTECODE, 44846cbfe6644dc4cff3a99d2951e808032668ac7b32736285249cda0dabc00a",
        "iris.yaml, BYTECODE, 94be1c0f35230157e57f104fe318ee8f543de4531220b22bca8b796707c4c765",
        "digits.yaml, SOURCE, 199d8c6ec6a7a18d1574e7a45cb3d39a176daabf9fd950ef2bed853ce2e4f478",
        "mnist.yaml, BYTECODE, 6f8a38d0e250d8200ee5c8bde0d3ecb4f3b34d692972f06f9dc7a42cd5884610",
        "mnist-adam.yaml, SOURCE, fda95dc35496ab58b06f476f16e103b377a47a81b233d233f6b8df5a437b49da",
    })
    void weightsAreTheRecordedOnesBitForBit(String sample, Backend backend, String sha256)
            throws Exception {
        NetworkSpec spec = SpecParser.parse(sample(sample));
        Network net = backend.instantiate(Chainrule.compile(spec).lowered());
        Initializer.initialize(net, spec.training().seed());
        spec.init().forEach((name, v) -> net.setParameter(name, v.values()));
        Dataset data = load(spec);
        int n = Math.min(data.size(), 600);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 31) % n;
        }
        int batch = spec.training().batchSize();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < n; from += batch) {
                net.trainBatch(data.inputs(), data.targets(), order, from,
                        Math.min(batch, n - from), spec.training().learningRate());
            }
        }
        assertEquals(sha256, bits(net), sample + " trained to other weights");
    }

    /** N4 (784-256-128-10) of the performance table on MNIST, at batch 32. */
    static final String N4_BATCH_32 = """
            name: N4
            input: 784
            layers:
              - {units: 256, activation: relu}
              - {units: 128, activation: relu}
              - {units: 10, activation: softmax}
            loss: softmax_cross_entropy
            training: {learning_rate: 0.05, batch_size: 32, seed: 4}
            data:
              train:
                images: data/mnist-train-8k-images-idx3-ubyte.gz
                labels: data/mnist-train-8k-labels-idx1-ubyte.gz
            """;

    /**
     * N4 at batch 32, whose two large weight gradients are held and added by the runtime's
     * {@code BatchKernels.addOuters} (the Vector API in the build's {@code simd-test} run, plain
     * Java in {@code default-test}). The hash was recorded (2026-12-07) from the same class
     * lowered without held gradients, adding g xᵀ sample by sample with no kernel: every path
     * must keep those bits.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "BYTECODE, 13f754547e4c02f7b1a2280ceb65b46ff8c16f66a4455a805bc3d49e3c028059",
        "SOURCE, 13f754547e4c02f7b1a2280ceb65b46ff8c16f66a4455a805bc3d49e3c028059",
    })
    void heldGradientsAddedByTheKernelsKeepTheSampleBySampleBits(Backend backend, String sha256)
            throws Exception {
        NetworkSpec spec = SpecParser.parse(N4_BATCH_32, "n4.yaml",
                sample("mnist.yaml").getParent());
        Chainrule.Compilation c = Chainrule.compile(spec);
        assertTrue(c.lowered().methods().stream()
                .anyMatch(m -> m.name().equals("finishGradients")), "held gradients");
        Network net = backend.instantiate(c.lowered());
        Initializer.initialize(net, spec.training().seed());
        Dataset data = load(spec);
        int n = 600;
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 31) % n;
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < n; from += 32) {
                net.trainBatch(data.inputs(), data.targets(), order, from,
                        Math.min(32, n - from), spec.training().learningRate());
            }
        }
        assertEquals(sha256, bits(net));
    }

    /** SHA-256 of every parameter's name and its values' raw bits, big-endian, in order. */
    static String bits(Network net) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String p : net.parameterNames()) {
            sha.update(p.getBytes(StandardCharsets.UTF_8));
            for (double v : net.getParameter(p)) {
                long bits = Double.doubleToRawLongBits(v);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    sha.update((byte) (bits >>> shift));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
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
