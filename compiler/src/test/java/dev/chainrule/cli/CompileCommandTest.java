package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.Network;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesJavaSourceUnderItsPackage() throws IOException {
        Cli.run("compile", Cli.sample("iris.yaml"), "-o", dir).assertOk();

        Path java = dir.resolve("dev/chainrule/samples/Iris.java");
        String source = Files.readString(java);
        assertTrue(source.contains("public final class Iris extends GeneratedGraph"), source);
        assertTrue(source.startsWith("package dev.chainrule.samples;"), source);
        assertEquals(List.of(java), files());
    }

    @Test
    void withoutOutputJavaGoesToStdout() throws IOException {
        Cli.Result result = Cli.run("compile", Cli.sample("xor.yaml")).assertOk();
        Cli.run("compile", Cli.sample("xor.yaml"), "-o", dir).assertOk();

        assertEquals(Files.readString(dir.resolve("dev/chainrule/samples/Xor.java")),
                result.out());
    }

    @Test
    void emitIrPrintsTheGraphThenItsDerivatives() {
        Cli.Result result = Cli.run("compile", Cli.sample("worked-example.yaml"), "--emit", "ir")
                .assertOk();

        String out = result.out();
        int forward = out.indexOf("# forward IR of dev.chainrule.samples.WorkedExample (2 -> 2"
                + " identity -> 1 identity, squared_error, double)\n");
        int derived = out.indexOf("# IR of dev.chainrule.samples.WorkedExample with derivatives");
        assertTrue(forward == 0 && derived > forward, out);
        assertTrue(out.substring(0, derived).contains("= matmul %2, %0 : [2] ; hidden.z"), out);
        assertFalse(out.substring(0, derived).contains("# d loss / d param"), out);
        assertTrue(out.substring(derived).contains(
                "# d loss / d param: hidden.weight=%10 output.weight=%8"), out);
    }

    @Test
    void emitIrToADirectory() throws IOException {
        Cli.Result toStdout = Cli.run("compile", Cli.sample("xor.yaml"), "--emit", "IR")
                .assertOk();
        Cli.run("compile", Cli.sample("xor.yaml"), "--emit", "ir", "-o", dir).assertOk();

        assertEquals(toStdout.out(), Files.readString(dir.resolve("dev/chainrule/samples/Xor.ir")));
    }

    @Test
    void classFilesFromEitherBackend() throws IOException {
        Path bytecode = dir.resolve("bytecode");
        Path source = dir.resolve("source");
        Cli.run("compile", Cli.sample("iris.yaml"), "--emit", "class", "-o", bytecode)
                .assertOk();
        Cli.run("compile", Cli.sample("iris.yaml"), "--backend", "source", "--emit", "class",
                "-o", source).assertOk();

        for (Path root : List.of(bytecode, source)) {
            byte[] bytes = Files.readAllBytes(root.resolve("dev/chainrule/samples/Iris.class"));
            assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE},
                    Arrays.copyOf(bytes, 4));
        }
    }

    @Test
    void emitSaysWhatIsWrittenAndEachFileIsListed() {
        Path xor = Cli.sample("xor.yaml");
        // --backend alone no longer switches to class files behind the user's back
        Cli.run("compile", xor, "--backend", "bytecode", "-o", dir).assertUserError(
                "chainrule compile: --backend bytecode makes class files, and Java source"
                        + " (--emit java, the default) comes from the source backend: add"
                        + " --emit class, or drop --backend");
        assertFalse(Files.exists(dir.resolve("dev")));
        Path classFile = dir.resolve("dev/chainrule/samples/Xor.class");
        assertEquals("wrote " + classFile + " (class file from the bytecode backend)\n",
                Cli.run("compile", xor, "--backend", "bytecode", "--emit", "class", "-o", dir)
                        .assertOk().out());
        assertTrue(Files.exists(classFile));
        Path source = dir.resolve("dev/chainrule/samples/Xor.java");
        assertEquals("wrote " + source + " (Java source)\n",
                Cli.run("compile", xor, "--backend", "source", "-o", dir).assertOk().out());
        assertEquals("wrote " + dir.resolve("x.jar") + " (1 class file from the source backend)\n",
                Cli.run("compile", xor, "--backend", "source", "-o", dir.resolve("x.jar"))
                        .assertOk().out());
        // the IR does not depend on a backend: --backend is accepted and changes nothing
        assertEquals(Cli.run("compile", xor, "--emit", "ir").assertOk().out(),
                Cli.run("compile", xor, "--emit", "ir", "--backend", "source").assertOk().out());
        assertEquals("", Cli.run("compile", xor, "-o", dir, "--quiet").assertOk().out());
    }

    @Test
    void jarOutput() throws IOException {
        Path jar = dir.resolve("nets.jar");
        Cli.run("compile", Cli.sample("iris.yaml"), "-o", jar).assertOk();

        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(e -> e.getName()).collect(Collectors.toList());
            assertEquals(List.of("META-INF/MANIFEST.MF", "dev/chainrule/samples/Iris.class"),
                    names);
        }
        byte[] first = Files.readAllBytes(jar);
        Cli.run("compile", Cli.sample("iris.yaml"), "-o", jar).assertOk();
        assertArrayEquals(first, Files.readAllBytes(jar), "the same jar, byte for byte");
    }

    @Test
    void unknownActivationWritesNothing() throws IOException {
        Path description = dir.resolve("net.yaml");
        Files.writeString(description, "name: Net\ninput: 2\nlayers:\n"
                + "  - {units: 2, activation: rleu}\nloss: mse\n");
        Path out = dir.resolve("out");

        Cli.run("compile", description, "-o", out).assertUserError(description + ":4:28: ");
        assertFalse(Files.exists(out));
    }

    @Test
    void missingDescription() {
        Path missing = dir.resolve("nope.yaml");
        Cli.run("compile", missing, "-o", dir.resolve("out")).assertUserError(
                missing + ": file not found");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aFileInTheWayIsOneLine() throws IOException {
        Path blocker = dir.resolve("out");
        Files.writeString(blocker, "not a directory");

        Cli.run("compile", Cli.sample("xor.yaml"), "-o", blocker).assertUserError(
                blocker.resolve("dev/chainrule/samples/Xor.java") + ": cannot write: ");
        assertEquals("not a directory", Files.readString(blocker));
    }

    @Test
    void conflictingFlags() {
        Path xor = Cli.sample("xor.yaml");
        Cli.run("compile", xor, "--emit", "java", "--backend", "bytecode").assertUserError(
                "chainrule compile: --backend bytecode makes class files, and Java source"
                        + " (--emit java) comes from the source backend");
        Cli.run("compile", xor, "--emit", "class").assertUserError(
                "chainrule compile: --emit class needs -o");
        Cli.run("compile", xor, "--emit", "java", "-o", dir.resolve("x.jar")).assertUserError(
                dir.resolve("x.jar") + ": a jar holds class files");
        Cli.run("compile", xor, "--emit", "asm").assertUserError(
                "chainrule compile: invalid value for option '--emit': expected java, ir or class,"
                        + " got 'asm'");
    }

    @Test
    void bakedWeightsPredictWithoutAWeightsFile() throws Exception {
        Path weights = dir.resolve("step1.json");
        Path description = Cli.sample("worked-example.yaml");
        Cli.run("train", description, "--save-weights", weights).assertOk();
        Path classes = dir.resolve("classes");

        Cli.run("compile", description, "--weights", weights, "--emit", "class", "-o", classes)
                .assertOk();

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Network net = (Network) loader
                    .loadClass("dev.chainrule.samples.WorkedExample")
                    .getConstructor().newInstance();
            double[] y = new double[1];
            net.predict(new double[] {1, 0.5}, y);
            assertEquals(3.1768328125, y[0], 1e-12);
        }
    }

    @Test
    void aGraphsBakedWeightsPredictAsPredictDoesWithTheFile() throws Exception {
        Path weights = dir.resolve("residual.json");
        Path description = Cli.sample("graphs/residual.yaml");
        Cli.run("train", description, "--epochs", 1, "--save-weights", weights).assertOk();
        Path classes = dir.resolve("classes");

        Cli.run("compile", description, "--weights", weights, "--emit", "class", "-o", classes)
                .assertOk();

        String[] predicted = Cli.run("predict", description, "--weights", weights, "--data",
                Cli.sample("graphs/data/wave.csv")).assertOk().outLines();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Network net = (Network) loader.loadClass("samples.graphs.Residual")
                    .getConstructor().newInstance();
            double[] y = new double[1];
            net.predict(new double[] {-1.5, -2.0}, y);
            assertEquals(predicted[0], PredictCommand.format(y[0], false));
            net.predict(new double[] {-1.5, -1.7143}, y);
            assertEquals(predicted[1], PredictCommand.format(y[0], false));
        }
    }

    @Test
    void weightsOfAnotherNetworkAreRejectedWhereTheyAre() throws IOException {
        Path weights = dir.resolve("xor.json");
        Cli.run("train", Cli.sample("xor.yaml"), "--epochs", 1, "--save-weights", weights)
                .assertOk();
        Path out = dir.resolve("out");

        Cli.run("compile", Cli.sample("iris.yaml"), "--weights", weights, "-o", out)
                .assertUserError(weights
                        + ":2:3: hidden.weight has shape [4][2], network 'Iris' expects");
        assertFalse(Files.exists(out));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
