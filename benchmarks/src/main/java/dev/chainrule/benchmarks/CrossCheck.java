package dev.chainrule.benchmarks;

import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Network;

/**
 * Checks that the three trainers the throughput benchmark compares compute the same thing: from
 * the same seed-42 weights, one epoch over the benchmark data at batch 1 and 32 gives the same
 * losses and parameters (bit for bit between backends, within float rounding for the textbook).
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.CrossCheck}</pre>
 */
public final class CrossCheck {

    private CrossCheck() {
    }

    /**
     * Bytes the current thread allocates per training epoch of the generated N3 trainer at batch
     * 1 and 32, after warm-up: a training step must allocate nothing. (JMH's {@code -prof gc}
     * counts every thread of the fork, including the harness, so it shows a small constant
     * background rate instead.)
     */
    static boolean allocationCheck() {
        java.lang.management.ThreadMXBean bean =
                java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            System.out.println("allocation: no per-thread allocation counter on this JVM");
            return true;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        boolean ok = true;
        BenchData data = BenchData.forNetwork("N3", TrainingThroughputBenchmark.SAMPLES);
        int n = data.xs.length;
        int[] order = data.order();
        for (Backend backend : Backend.values()) {
            for (int batch : new int[] {1, 32}) {
                Network net = Nets.chainrule("N3", backend);
                double sink = 0;
                long before = 0;
                int warmup = 30;
                int measured = 10;
                for (int epoch = 0; epoch < warmup + measured; epoch++) {
                    if (epoch == warmup) {
                        before = threads.getCurrentThreadAllocatedBytes();
                    }
                    for (int from = 0; from < n; from += batch) {
                        sink += net.trainBatch(data.xs, data.ts, order, from,
                                Math.min(batch, n - from), Nets.LEARNING_RATE);
                    }
                }
                long bytes = threads.getCurrentThreadAllocatedBytes() - before;
                double perStep = (double) bytes / measured / ((n + batch - 1) / batch);
                boolean none = bytes < 1024;
                ok &= none;
                System.out.printf("allocation: N3 %s batch %2d: %d bytes in %d epochs"
                                + " (%.3f per trainBatch) %s (loss %.1f)%n", backend, batch, bytes,
                        measured, perStep, none ? "OK" : "ALLOCATES", sink);
            }
        }
        return ok;
    }

    public static void main(String[] args) {
        boolean ok = true;
        for (String net : new String[] {"N1", "N2", "N3", "N4"}) {
            BenchData data = BenchData.forNetwork(net, TrainingThroughputBenchmark.SAMPLES);
            int n = data.xs.length;
            int[] order = data.order();
            for (int batch : new int[] {1, 32}) {
                Network bytecode = Nets.chainrule(net, Backend.BYTECODE);
                Network source = Nets.chainrule(net, Backend.SOURCE);
                TextbookTrainer textbook = TextbookTrainer.forNetwork(net);
                textbook.copyFrom(bytecode);
                double lb = 0;
                double ls = 0;
                double lt = 0;
                for (int from = 0; from < n; from += batch) {
                    int count = Math.min(batch, n - from);
                    lb += bytecode.trainBatch(data.xs, data.ts, order, from, count,
                            Nets.LEARNING_RATE);
                    ls += source.trainBatch(data.xs, data.ts, order, from, count,
                            Nets.LEARNING_RATE);
                    lt += textbook.trainBatch(data.xs, data.ts, order, from, count,
                            Nets.LEARNING_RATE);
                }
                double backendDiff = 0;
                double textbookDiff = 0;
                double scale = 0;
                int layer = -1;
                for (String name : bytecode.parameterNames()) {
                    double[] b = bytecode.getParameter(name);
                    double[] s = source.getParameter(name);
                    boolean weight = name.endsWith(".weight");
                    layer += weight ? 1 : 0;
                    for (int k = 0; k < b.length; k++) {
                        backendDiff = Math.max(backendDiff, Math.abs(b[k] - s[k]));
                        int in = weight ? textbook.w[layer][0].length : 1;
                        double t = weight ? textbook.w[layer][k / in][k % in]
                                : textbook.b[layer][k];
                        textbookDiff = Math.max(textbookDiff, Math.abs(b[k] - t));
                        scale = Math.max(scale, Math.abs(b[k]));
                    }
                }
                boolean same = lb == ls && backendDiff == 0
                        && Math.abs(lb - lt) <= 1e-3 * Math.abs(lb) && textbookDiff <= 1e-3 * scale;
                ok &= same;
                System.out.printf("%s batch %2d: loss bytecode %.6f source %.6f textbook %.6f;"
                                + " max |param diff| backends %.3g, textbook %.3g (max |w| %.3g)"
                                + " %s%n", net, batch, lb, ls, lt, backendDiff, textbookDiff,
                        scale, same ? "OK" : "MISMATCH");
            }
        }
        ok &= allocationCheck();
        if (!ok) {
            System.exit(1);
        }
    }
}
