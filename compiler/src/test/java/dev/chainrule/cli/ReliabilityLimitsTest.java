package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's size cases: a 5,000-node chain {@code n{i}: n{i-1} * 1.0001 + a} compiles (once a
 * StackOverflowError at 2,000 nodes, and quadratic time) and computes what plain Java computes.
 */
@Tag("reliability")
class ReliabilityLimitsTest {

    @TempDir
    Path dir;

    static String chain(int nodes) {
        StringBuilder yaml = new StringBuilder("name: Chain\nprecision: double\ninputs:\n  a: []\n"
                + "graph:\n  n0: a * 1.0001 + a\n");
        for (int i = 1; i < nodes; i++) {
            yaml.append("  n").append(i).append(": n").append(i - 1).append(" * 1.0001 + a\n");
        }
        return yaml.append("output: n").append(nodes - 1).append('\n').toString();
    }

    @Test
    void aFiveThousandNodeChainCompilesAndComputesWhatJavaDoes() throws IOException {
        int nodes = 5000;
        Path yaml = Files.writeString(dir.resolve("chain.yaml"), chain(nodes));
        double a = 0.5;
        double value = a * 1.0001 + a;
        for (int i = 1; i < nodes; i++) {
            value = value * 1.0001 + a;  // the same operations in the same order
        }
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        String out = Cli.run("grad", yaml, "--at", "a=" + a, "--mode", "forward").assertOk()
                .out();
        System.out.printf(Locale.ROOT, "ReliabilityLimitsTest: the %,d-node chain compiled and"
                + " ran in %.1f s of CPU (%.1f s wall on a shared machine)%n", nodes,
                (threads.getCurrentThreadCpuTime() - cpu) / 1e9,
                (System.nanoTime() - start) / 1e9);
        String reported = out.replaceAll("(?s).*\"value\": ([^,]+),.*", "$1");
        assertEquals(Double.toString(value), reported);
        // d n_i / d a = 1.0001 · d n_(i-1) / d a + 1, forward mode: the same order again
        double tangent = 1.0001 + 1;
        for (int i = 1; i < nodes; i++) {
            tangent = tangent * 1.0001 + 1;
        }
        assertEquals(Double.toString(tangent),
                out.replaceAll("(?s).*\"gradient\": \\{\"a\": ([^}]+)}.*", "$1"));
    }
}
