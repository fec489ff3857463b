package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.lower.WeightPacking;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.ParameterSpec;
import java.io.StringReader;
import java.util.Arrays;
import dev.chainrule.description.Precision;
import dev.chainrule.description.SpecParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Printer;

/**
 * Weights baked into a generated class: a fresh instance holds them bit for bit and predicts
 * exactly like an instance given them through {@code setParameter}, while the constructor stays
 * a few hundred bytes even for 784-256-128-10 (235,146 values) on both backends.
 */
class BakedWeightsTest {

    static final String WORKED_EXAMPLE = """
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
            """;

    static final int CONSTRUCTOR_LIMIT = 8000;

    @ParameterizedTest
    @EnumSource(Precision.class)
    void workedExampleStartsWithItsBakedWeights(Precision precision) {
        NetworkSpec spec = SpecParser.parse(WORKED_EXAMPLE, "worked.yaml", Path.of("."))
                .withPrecision(precision);
        for (Backend backend : Backend.values()) {
            assertBakedLikeSet(spec, backend, 11);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mnist784x256x128x10StartsWithItsBakedWeights(Backend backend) {
        NetworkSpec spec = SpecParser.parse(JitLimitTest.mnist("256-128"), "mnist.yaml",
                Path.of("."));
        LoweredClass baked = assertBakedLikeSet(spec, backend, 4);
        assertEquals(21, baked.packedParameters().size(), "chunks of 235,146 floats");
        byte[] classFile = backend.classFiles(baked).get(baked.qualifiedName());
        StringWriter errors = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile),
                GeneratedNetwork.class.getClassLoader(), false, new PrintWriter(errors));
        assertEquals("", errors.toString());
        System.out.printf("784-256-128-10 baked, %s: class file %,d bytes, <init> %d bytes%n",
                backend, classFile.length, CodeLengths.of(classFile).get("<init>"));
    }

    @Test
    void chunksAreWholeBase64QuantaUnderTheConstantPoolLimit() {
        NetworkSpec spec = SpecParser.parse(JitLimitTest.mnist("256-128"), "mnist.yaml",
                Path.of("."));
        LoweredClass baked = Chainrule.compile(spec,
                weights(spec, randomWeights(spec, new Random(5)))).lowered();
        List<String> chunks = baked.packedParameters();
        for (String chunk : chunks.subList(0, chunks.size() - 1)) {
            assertEquals(WeightPacking.CHUNK_CHARS, chunk.length());
        }
        assertEquals(235_146 * 4, Base64.getDecoder().decode(String.join("", chunks)).length);
        assertTrue(baked.header().get(baked.header().size() - 1)
                .startsWith("Baked weights: 235146 float values, sha256 "), baked.header().toString());
    }

    @Test
    void sourceUnpacksAfterBind() {
        String java = SourceBackend.emit(workedExample());
        assertTrue(java.contains("""
                        bind(new Object[] {layer1_weight, out_weight}, new Object[] {grad_layer1_weight, grad_out_weight});
                        unpackParameters(new String[] {
                                "P+AAAAAAAAA/+AAAAAAAAEACZmZmZmZmQAgAAAAAAAA/8AAAAAAAAD/wAAAAAAAA"
                        });
                    }
                """), java);
    }

    /** javac's constructor and the assembled one run the same instructions, chunk for chunk. */
    @Test
    void bothBackendsAssembleTheSameConstructor() {
        LoweredClass baked = workedExample().withPackedParameters(List.of(),
                List.of("P+AAAAAAAAA/+AAAAA", "AAAAEACZmZmZmZmQAgAAAAAAAA", "/8AAAAAAAAD/wAAAAAAAA"));
        assertEquals(constructor(Backend.SOURCE, baked), constructor(Backend.BYTECODE, baked));
        List<String> assembled = constructor(Backend.BYTECODE, baked);
        assertEquals(List.of("INVOKEVIRTUAL bind",
                "ALOAD", "ICONST_3", "ANEWARRAY java/lang/String", "DUP", "ICONST_0",
                "LDC P+AAAAAAAAA/+AAAAA", "AASTORE", "DUP", "ICONST_1",
                "LDC AAAAEACZmZmZmZmQAgAAAAAAAA", "AASTORE", "DUP", "ICONST_2",
                "LDC /8AAAAAAAAD/wAAAAAAAA", "AASTORE", "INVOKEVIRTUAL unpackParameters",
                "RETURN"), assembled.subList(assembled.size() - 18, assembled.size()));
    }

    @Test
    void unknownMissingAndWronglyShapedParametersAreNamed() {
        NetworkSpec spec = SpecParser.parse(WORKED_EXAMPLE, "worked.yaml", Path.of("."));
        assertEquals("w.json:1:37: unknown parameter 'out.wieght' (network 'WorkedExample' has "
                + "layer1.weight, out.weight)", bakingFails(spec, "{\"layer1.weight\": "
                + "[[0, 0], [0, 0]], \"out.wieght\": [[1, 1]]}"));
        assertEquals("w.json: missing parameter out.weight (network 'WorkedExample' needs all of"
                + " layer1.weight, out.weight)", bakingFails(spec,
                "{\"layer1.weight\": [[0, 0], [0, 0]]}"));
        assertEquals("w.json:1:37: out.weight has shape [1][3], network 'WorkedExample' expects"
                + " [1][2]", bakingFails(spec, "{\"layer1.weight\": [[0, 0], [0, 0]], "
                + "\"out.weight\": [[1, 1, 1]]}"));
        // Same number of values, transposed: [2][1] instead of [1][2] must not be baked.
        assertEquals("w.json:1:37: out.weight has shape [2][1], network 'WorkedExample' expects"
                + " [1][2]", bakingFails(spec, "{\"layer1.weight\": [[0, 0], [0, 0]], "
                + "\"out.weight\": [[1], [1]]}"));
    }

    @Test
    void checkerRejectsAChunkThatIsNotBase64() {
        NetworkSpec spec = SpecParser.parse(WORKED_EXAMPLE, "worked.yaml", Path.of("."));
        LoweredClass plain = Chainrule.compile(spec).lowered();
        LoweredClass broken = plain.withPackedParameters(plain.header(), List.of("AAAA", "\"x"));
        for (Backend backend : Backend.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.classFiles(broken));
            assertEquals("WorkedExample: packed parameter chunk 1 must be 1 to 65535 Base64 "
                    + "characters", e.getMessage());
        }
    }

    /**
     * Bakes random weights into {@code spec}'s class on {@code backend} and checks a fresh
     * instance against one given the same weights through {@code setParameter}.
     */
    private static LoweredClass assertBakedLikeSet(NetworkSpec spec, Backend backend, long seed) {
        Random rnd = new Random(seed);
        Map<String, double[]> weights = randomWeights(spec, rnd);
        LoweredClass baked = Chainrule.compile(spec, weights(spec, weights)).lowered();
        Network fresh = backend.instantiate(baked);
        Network set = backend.instantiate(Chainrule.compile(spec).lowered());
        boolean single = !fresh.doublePrecision();
        for (Map.Entry<String, double[]> e : weights.entrySet()) {
            set.setParameter(e.getKey(), e.getValue());
            double[] expected = e.getValue().clone();
            for (int k = 0; k < expected.length; k++) {
                expected[k] = single ? (float) expected[k] : expected[k];
            }
            assertBits(expected, fresh.getParameter(e.getKey()), e.getKey());
            assertBits(set.getParameter(e.getKey()), fresh.getParameter(e.getKey()), e.getKey());
        }
        double[] a = new double[spec.outputSize()];
        double[] b = new double[spec.outputSize()];
        for (int s = 0; s < 5; s++) {
            double[] x = new double[spec.inputSize()];
            for (int k = 0; k < x.length; k++) {
                x[k] = rnd.nextDouble() < 0.8 ? 0 : rnd.nextDouble();
            }
            fresh.predict(x, a);
            set.predict(x, b);
            assertBits(b, a, "prediction " + s);
        }
        byte[] classFile = backend.classFiles(baked).get(baked.qualifiedName());
        assertEquals(52, new ClassReader(classFile).readUnsignedShort(6), "major version");
        Map<String, Integer> sizes = CodeLengths.of(classFile);
        sizes.forEach((method, size) -> assertTrue(size < CONSTRUCTOR_LIMIT,
                method + " has " + size + " bytes of bytecode"));
        int plainInit = CodeLengths.of(backend.classFiles(Chainrule.compile(spec).lowered())
                .get(baked.qualifiedName())).get("<init>");
        // Per chunk: dup, index, ldc_w, aastore; plus the array, the call, and no more.
        assertTrue(sizes.get("<init>") <= plainInit + 10 + 8 * baked.packedParameters().size(),
                sizes.get("<init>") + " bytes vs " + plainInit + " without baked weights");
        return baked;
    }

    private static LoweredClass workedExample() {
        NetworkSpec spec = SpecParser.parse(WORKED_EXAMPLE, "worked.yaml", Path.of("."));
        Map<String, double[]> weights = new LinkedHashMap<>();
        weights.put("layer1.weight", new double[] {0.5, 1.5, 2.3, 3.0});
        weights.put("out.weight", new double[] {1, 1});
        return Chainrule.compile(spec, weights(spec, weights)).lowered();
    }

    /** Opcodes of {@code <init>}, with the constant, type or method each one names. */
    private static List<String> constructor(Backend backend, LoweredClass lowered) {
        ClassNode node = new ClassNode();
        new ClassReader(backend.classFiles(lowered).get(lowered.qualifiedName()))
                .accept(node, ClassReader.SKIP_DEBUG);
        MethodNode init = node.methods.stream().filter(m -> m.name.equals("<init>"))
                .findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        for (AbstractInsnNode insn : init.instructions) {
            if (insn.getOpcode() < 0) {
                continue;
            }
            String op = Printer.OPCODES[insn.getOpcode()];
            if (insn instanceof LdcInsnNode ldc) {
                op += " " + ldc.cst;
            } else if (insn instanceof TypeInsnNode type) {
                op += " " + type.desc;
            } else if (insn instanceof MethodInsnNode call) {
                op += " " + call.name;
            }
            out.add(op);
        }
        return out;
    }

    private static Map<String, double[]> randomWeights(NetworkSpec spec, Random rnd) {
        Map<String, double[]> weights = new LinkedHashMap<>();
        spec.parameters().forEach(p -> {
            double[] values = new double[Math.toIntExact(p.size())];
            for (int k = 0; k < values.length; k++) {
                values[k] = rnd.nextGaussian() * 0.1;
            }
            weights.put(p.name(), values);
        });
        return weights;
    }

    private static String bakingFails(NetworkSpec spec, String json) {
        Weights weights = WeightsJson.read(new StringReader(json), "w.json");
        return assertThrows(DataException.class,
                () -> Chainrule.compile(spec, weights)).getMessage();
    }

    /** Weights as a user's JSON file gives them: nested [out][in] rows, shaped like the spec's. */
    private static Weights weights(NetworkSpec spec, Map<String, double[]> flat) {
        StringBuilder json = new StringBuilder("{");
        for (ParameterSpec p : spec.parameters()) {
            double[] values = flat.get(p.name());
            json.append(json.length() > 1 ? ", " : "").append('"').append(p.name()).append("\": ");
            if (p.shape().length == 1) {
                json.append(Arrays.toString(values));
            } else {
                int in = p.shape()[1];
                json.append('[');
                for (int o = 0; o < p.shape()[0]; o++) {
                    json.append(o > 0 ? ", " : "")
                            .append(Arrays.toString(Arrays.copyOfRange(values, o * in, o * in + in)));
                }
                json.append(']');
            }
        }
        return WeightsJson.read(new StringReader(json.append('}').toString()), "weights.json");
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]),
                    Double.doubleToRawLongBits(actual[k]), what + "[" + k + "]");
        }
    }
}
