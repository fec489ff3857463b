package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.BytecodeBackend;
import dev.chainrule.runtime.GeneratedNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The source and bytecode backends read one lowered form, so their classes must agree bit for
 * bit: predictions, losses, and weights after several SGD steps, at batch 1 and above.
 */
class BackendEquivalenceTest {

    @Property(tries = 40)
    void backendsAgreeBitForBit(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                @ForAll boolean doublePrecision,
                                @ForAll @IntRange(min = 1, max = 5) int batch) {
        NetworkSpec spec = RandomSpecs.spec(seed, doublePrecision ? "double" : "float");
        verifies(spec);
        Network source = RandomSpecs.network(spec, Backend.SOURCE, seed);
        Network bytecode = RandomSpecs.network(spec, Backend.BYTECODE, seed);
        Random rnd = new Random(seed);
        int n = 12;
        double[][] xs = RandomSpecs.inputs(rnd, n, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, n, spec.outputSize(), source.classifier());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (k * 7) % n;
        }
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            double a = source.trainBatch(xs, ts, order, from, count, 0.05);
            double b = bytecode.trainBatch(xs, ts, order, from, count, 0.05);
            assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), "loss");
        }
        for (String p : source.parameterNames()) {
            assertBits(source.getParameter(p), bytecode.getParameter(p), p);
        }
        double[] ya = new double[spec.outputSize()];
        double[] yb = new double[spec.outputSize()];
        for (double[] x : xs) {
            source.predict(x, ya);
            bytecode.predict(x, yb);
            assertBits(ya, yb, "prediction");
        }
    }

    /** ASM's verifier finds nothing wrong with the bytecode backend's class. */
    static void verifies(NetworkSpec spec) {
        byte[] bytes = BytecodeBackend.emit(Chainrule.compile(spec).lowered());
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), GeneratedNetwork.class.getClassLoader(),
                false, new PrintWriter(problems));
        assertEquals("", problems.toString());
        assertEquals(52, ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff), "Java 8 class file");
    }

    static void assertBits(double[] a, double[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int k = 0; k < a.length; k++) {
            assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(b[k]),
                    what + "[" + k + "]: " + a[k] + " vs " + b[k]);
        }
    }
}
