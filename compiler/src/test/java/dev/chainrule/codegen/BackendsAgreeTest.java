package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The central promise: classes from the source and the bytecode backend, fed one lowered
 * class, compute bit-identical results: the same raw bits for every number, signed zeros
 * included, and NaN where the other has NaN. NaN payloads are left out on purpose: the JVM does
 * not specify them, and on x86 a NaN + NaN keeps whichever operand the interpreter or JIT put
 * first (C2 may swap the operands of a commutative operation), so even one class can differ
 * from run to run.
 */
class BackendsAgreeTest {

    @Property(tries = 300)
    void everyConstructAgrees(@ForAll boolean doublePrecision,
                              @ForAll("samples") List<Double> x0, @ForAll("samples") List<Double> x1,
                              @ForAll("weights") List<Double> weight,
                              @ForAll("learningRates") double learningRate) {
        assertAgree(EveryConstruct.of(doublePrecision), x0, x1, weight, learningRate);
    }

    @Property(tries = 300)
    void linearModelAgrees(@ForAll boolean doublePrecision,
                           @ForAll("samples") List<Double> x0, @ForAll("samples") List<Double> x1,
                           @ForAll("weights") List<Double> weight,
                           @ForAll("learningRates") double learningRate) {
        assertAgree(LinearModel.of(doublePrecision), x0, x1, weight, learningRate);
    }

    /** Two samples built from {@code x0} and {@code x1}, sized by the class's own widths. */
    private static void assertAgree(LoweredClass lowered, List<Double> x0, List<Double> x1,
                                    List<Double> weight, double learningRate) {
        int in = lowered.inputSize();
        int out = lowered.outputSize();
        double[][] xs = {values(x0, in), values(x1, in)};
        double[][] ts = {values(x1, out), values(x0, out)};
        assertSameBits(run(Backend.SOURCE, lowered, weight, xs, ts, learningRate),
                run(Backend.BYTECODE, lowered, weight, xs, ts, learningRate));
    }

    /** Long enough for C2 to compile the hot methods of both classes: strict FP either way. */
    @Example
    void agreeAfterJitCompilation() {
        for (LoweredClass lowered : List.of(LinearModel.of(false), LinearModel.of(true),
                EveryConstruct.of(false), EveryConstruct.of(true))) {
            assertSameBits(train(Backend.SOURCE, lowered), train(Backend.BYTECODE, lowered));
        }
    }

    private static List<Double> train(Backend backend, LoweredClass lowered) {
        Network net = LoadedClasses.instantiate(backend, lowered);
        Random random = new Random(42);
        double[][] xs = new double[64][net.inputSize()];
        double[][] ts = new double[64][net.outputSize()];
        for (int s = 0; s < xs.length; s++) {
            Arrays.setAll(xs[s], k -> random.nextDouble() * 6 - 3);
            Arrays.setAll(ts[s], k -> random.nextDouble() * 2 - 1);
        }
        int[] order = new int[xs.length];
        Arrays.setAll(order, k -> k);
        List<Double> seen = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            seen.add(net.trainBatch(xs, ts, order, step % 16 * 4, 4, 1e-3));
        }
        for (String parameter : net.parameterNames()) {
            add(seen, net.getParameter(parameter));
        }
        return seen;
    }

    @Provide
    Arbitrary<List<Double>> samples() {
        return Arbitraries.doubles().between(-1e3, 1e3).ofScale(12).withStandardSpecialValues()
                .withSpecialValue(3.0).list().ofSize(EveryConstruct.OUTPUTS);
    }

    @Provide
    Arbitrary<List<Double>> weights() {
        return Arbitraries.doubles().between(-2, 2).ofScale(12).list().ofSize(6);
    }

    @Provide
    Arbitrary<Double> learningRates() {
        return Arbitraries.doubles().between(1e-4, 1).ofScale(9);
    }

    /** Everything observable after predict, loss, gradient and two training steps. */
    private static List<Double> run(Backend backend, LoweredClass lowered, List<Double> weight,
                                    double[][] xs, double[][] ts, double learningRate) {
        Network net = LoadedClasses.instantiate(backend, lowered);
        String first = net.parameterNames()[0];
        int size = net.getParameter(first).length;
        net.setParameter(first, values(weight, size));
        List<Double> seen = new ArrayList<>();
        double[] y = new double[net.outputSize()];
        net.predict(xs[0], y);
        add(seen, y);
        seen.add(net.loss(xs[1], ts[1]));
        seen.add(net.computeGradient(xs[0], ts[0]));
        add(seen, net.getGradient(first));
        seen.add(net.trainBatch(xs, ts, new int[] {1, 0}, 0, 2, learningRate));
        seen.add(net.trainBatch(xs, ts, new int[] {1, 0}, 1, 1, learningRate));
        for (String parameter : net.parameterNames()) {
            add(seen, net.getParameter(parameter));
        }
        net.predict(xs[1], y);
        add(seen, y);
        return seen;
    }

    private static void assertSameBits(List<Double> source, List<Double> bytecode) {
        assertEquals(source.size(), bytecode.size());
        for (int k = 0; k < source.size(); k++) {
            assertEquals(bits(source.get(k)), bits(bytecode.get(k)),
                    "value " + k + ": source " + source.get(k) + ", bytecode " + bytecode.get(k));
        }
    }

    /** Raw bits, with every NaN as the one canonical NaN. */
    private static long bits(double value) {
        return Double.isNaN(value) ? Double.doubleToRawLongBits(Double.NaN)
                : Double.doubleToRawLongBits(value);
    }

    private static double[] values(List<Double> list, int size) {
        double[] values = new double[size];
        for (int k = 0; k < size; k++) {
            values[k] = list.get(k % list.size());
        }
        return values;
    }

    private static void add(List<Double> seen, double[] values) {
        for (double value : values) {
            seen.add(value);
        }
    }
}
