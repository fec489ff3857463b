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

    private static String layers(int count, String names) {
        StringBuilder yaml = new StringBuilder("name: Deep\ninput: 2\nlayers:\n");
        for (int k = 0; k < count; k++) {
            yaml.append("  - {").append(names.isEmpty() ? "" : "name: " + names + k + ", ")
                    .append("units: 2, activation: tanh}\n");
        }
        return yaml.append("loss: mse\n").toString();
    }

    @Test
    void tooManyLayersIsALocatedErrorNamingTheLimit() throws IOException {
        Path yaml = Files.writeString(dir.resolve("deep.yaml"), layers(501, ""));
        Cli.run("compile", yaml, "-o", dir.resolve("out")).assertUserError(yaml
                + ":4:3: layers: too many layers: 501 (at most 500)");
    }

    @Test
    void tooManyGraphNodesIsALocatedErrorNamingTheLimit() throws IOException {
        Path yaml = Files.writeString(dir.resolve("chain.yaml"), chain(5001));
        Cli.run("compile", yaml, "-o", dir.resolve("out")).assertUserError(yaml
                + ":6:3: graph: too many nodes: 5,001 (at most 5,000)");
    }

    @Test
    void aNameOfSixtyFiveThousandCharactersIsALocatedError() throws IOException {
        String name = "N".repeat(65_536);
        Path yaml = Files.writeString(dir.resolve("long.yaml"), "name: " + name
                + "\ninput: 2\nlayers:\n  - {units: 1, activation: identity}\nloss: mse\n");
        Cli.run("compile", yaml, "-o", dir.resolve("out")).assertUserError(yaml
                + ":1:7: name: a name of 65,536 characters (at most 255): 'NNNN");
        Path graph = Files.writeString(dir.resolve("g.yaml"), "name: G\ninputs: {a: []}\n"
                + "graph:\n  " + "x".repeat(300) + ": a + 1\noutput: a\n");
        Cli.run("compile", graph, "-o", dir.resolve("out")).assertUserError(graph
                + ":4:3: graph." + "x".repeat(300) + ": a name of 300 characters (at most 255)");
    }

    @Test
    void tablesTooLargeForAClassConstantAreAnErrorNotACrash() throws IOException {
        // 300 layers named with 250 characters each: within every limit, but the table of
        // params the class hands the runtime would be over 65,535 bytes
        Path yaml = Files.writeString(dir.resolve("wide-names.yaml"),
                layers(300, "L".repeat(250)));
        Cli.run("compile", yaml, "-o", dir.resolve("out"), "--emit", "class")
                .assertUserError(yaml + ": too large for one Java class: its table of params"
                        + " and values needs ");
    }
}
