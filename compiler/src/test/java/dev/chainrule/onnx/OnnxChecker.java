package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The ONNX project's own checker ({@code onnx.checker.check_model} with shape inference, from
 * Debian's {@code python3-onnx}) on a file; skipped where that package is not installed.
 */
final class OnnxChecker {

    private static final String PYTHON = "/usr/bin/python3";

    private OnnxChecker() {}

    static void assertValid(Path model) throws IOException, InterruptedException {
        Assumptions.assumeTrue(run("import onnx").exitCode == 0,
                "apt-get install python3-onnx");
        Outcome checked = run("import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]),"
                + " full_check=True)", model.toString());
        assertEquals(0, checked.exitCode, () -> "check_model: " + checked.output);
    }

    private record Outcome(int exitCode, String output) {}

    private static Outcome run(String... code) throws IOException, InterruptedException {
        if (!new java.io.File(PYTHON).canExecute()) {
            return new Outcome(-1, "no " + PYTHON);
        }
        String[] command = new String[code.length + 2];
        command[0] = PYTHON;
        command[1] = "-c";
        System.arraycopy(code, 0, command, 2, code.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), output);
    }
}
