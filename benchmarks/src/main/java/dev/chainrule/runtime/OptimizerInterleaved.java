package dev.chainrule.runtime;
import dev.chainrule.benchmarks.*;
import dev.chainrule.codegen.Backend;
import java.lang.management.*;
import java.util.*;
/**
 * SGD, momentum and Adam on N3 (784-128-10), taking epochs of 2,000 samples in turn on one
 * thread, so a loaded, shared machine slows all three alike; prints the median samples per
 * CPU-second and per wall-clock second of each, and the ratios to SGD. Complements
 * {@link OptimizerThroughputBenchmark}, whose trials run one after another.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.chainrule.runtime.OptimizerInterleaved 200 32
 * </pre>
 * Arguments: rounds (the first quarter is warm-up) and batch size.
 */
public class OptimizerInterleaved {
    static int B;
    public static void main(String[] a) {
        BenchData data = BenchData.forNetwork("N3", 2000);
        int[] order = data.order();
        String[] names = {"SGD", "MOMENTUM", "ADAM"};
        GeneratedNetwork[] nets = new GeneratedNetwork[3];
        ParallelTrainer[] trainers = new ParallelTrainer[3];
        OptimizerStep[] steps = new OptimizerStep[3];
        for (int k = 0; k < 3; k++) {
            nets[k] = (GeneratedNetwork) Nets.chainrule("N3", Backend.BYTECODE);
            trainers[k] = new ParallelTrainer(nets[k], 1);
        }
        steps[1] = new OptimizerStep(nets[1], Optimizer.sgd().withMomentum(0.9), 0);
        steps[2] = new OptimizerStep(nets[2], Optimizer.adam(), 0);
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        List<List<Double>> cpu = new ArrayList<>(), wall = new ArrayList<>();
        for (int k = 0; k < 3; k++) { cpu.add(new ArrayList<>()); wall.add(new ArrayList<>()); }
        int rounds = Integer.parseInt(a[0]); B = Integer.parseInt(a[1]);
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 3; k++) {
                long c0 = t.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                double rate = k == 2 ? 1e-3 : 0.01;
                for (int from = 0; from < 2000; from += B) {
                    int count = Math.min(B, 2000 - from);
                    if (steps[k] == null) trainers[k].trainBatch(data.xs, data.ts, order, from, count, rate);
                    else trainers[k].stepBatch(data.xs, data.ts, order, from, count, steps[k], rate);
                }
                long c1 = t.getCurrentThreadCpuTime(), w1 = System.nanoTime();
                if (round >= rounds / 4) { cpu.get(k).add(2000 / ((c1 - c0) / 1e9)); wall.get(k).add(2000 / ((w1 - w0) / 1e9)); }
            }
        }
        double[] mc = new double[3], mw = new double[3];
        for (int k = 0; k < 3; k++) {
            Collections.sort(cpu.get(k)); Collections.sort(wall.get(k));
            mc[k] = cpu.get(k).get(cpu.get(k).size() / 2); mw[k] = wall.get(k).get(wall.get(k).size() / 2);
            System.out.printf("%-9s median %,8.0f samples/CPU-s  %,8.0f samples/s (wall)%n", names[k], mc[k], mw[k]);
        }
        System.out.printf("ratios to SGD: momentum %.3f (cpu) %.3f (wall); adam %.3f (cpu) %.3f (wall)%n", mc[1]/mc[0], mw[1]/mw[0], mc[2]/mc[0], mw[2]/mw[0]);
        for (ParallelTrainer tr : trainers) tr.close();
    }
}
