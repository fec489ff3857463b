package dev.chainrule.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A/B of {@link BatchKernelsBenchmark}'s kernels in one JVM: rounds take each form in turn on
 * one thread, so a loaded, shared machine slows all alike; prints the median CPU µs per 16-sample
 * chunk of each form, its dense-equivalent GFLOP/s and the ratio to today's per-sample form.
 * Also checks that the three forms give the same bits.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.chainrule.runtime.KernelsInterleaved 60 784x128 784x256 256x128 128x10
 * </pre>
 */
public final class KernelsInterleaved {

    private KernelsInterleaved() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        System.out.println("simd: " + BatchKernels.LIVE.simd() + "; median of " + (rounds * 3 / 4)
                + " rounds, CPU µs per chunk of " + KernelCase.SAMPLES + " samples");
        for (int a = 1; a < args.length; a++) {
            KernelCase c = new KernelCase(args[a]);
            checkSameBits(c);
            String[] forms = {"perSample", "reference", "simd"};
            for (String kernel : new String[] {"products", "outers"}) {
                double[] medians = new double[3];
                List<List<Double>> times = new ArrayList<>();
                for (int f = 0; f < 3; f++) {
                    times.add(new ArrayList<>());
                }
                for (int round = 0; round < rounds; round++) {
                    for (int f = 0; f < 3; f++) {
                        double micros = time(c, kernel, f);
                        if (round >= rounds / 4) {
                            times.get(f).add(micros);
                        }
                    }
                }
                for (int f = 0; f < 3; f++) {
                    List<Double> t = times.get(f);
                    Collections.sort(t);
                    medians[f] = t.get(t.size() / 2);
                    System.out.printf("%-8s %-9s %-9s %8.1f µs  (p25 %.1f, p75 %.1f)  %6.1f GFLOP/s"
                            + "  %5.2fx%n", args[a], kernel, forms[f], medians[f],
                            t.get(t.size() / 4), t.get(t.size() * 3 / 4),
                            c.denseFlops() / medians[f] / 1e3, medians[0] / medians[f]);
                }
            }
        }
    }

    /** CPU µs per chunk, from 200 chunks. */
    private static double time(KernelCase c, String kernel, int form) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long start = bean.getCurrentThreadCpuTime();
        int repeats = 200;
        for (int r = 0; r < repeats; r++) {
            run(c, kernel, form);
        }
        return (bean.getCurrentThreadCpuTime() - start) / 1e3 / repeats;
    }

    private static void run(KernelCase c, String kernel, int form) {
        BatchKernels k = form == 1 ? BatchKernels.reference() : BatchKernels.LIVE;
        if (kernel.equals("products")) {
            if (form == 0) {
                c.productsPerSample();
            } else {
                c.products(k);
            }
        } else if (form == 0) {
            c.outersPerSample();
        } else {
            c.outers(k);
        }
    }

    private static void checkSameBits(KernelCase c) {
        float[][][] z = new float[3][][];
        for (int f = 0; f < 3; f++) {
            run(c, "products", f);
            z[f] = copy(c.zs);
        }
        if (!java.util.Arrays.deepEquals(z[0], z[1]) || !java.util.Arrays.deepEquals(z[0], z[2])) {
            throw new AssertionError("products differ between the forms");
        }
    }

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = a[r].clone();
        }
        return out;
    }
}
