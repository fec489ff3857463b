package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The recorded PyTorch numbers that {@link ConvGraphCommandTest} checks against are what their
 * script prints: PyTorch 1.13 (Debian's {@code python3-torch}, which {@code .ci/run} installs)
 * runs {@code torch/conv_graph.py} again and must print {@code torch/conv_graph.txt} to the byte.
 * Skipped where torch is not installed.
 */
class TorchReferenceTest {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void convGraphReferenceIsWhatTorchPrints() throws Exception {
        Assumptions.assumeTrue(new File(PYTHON).canExecute()
                && new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0,
                "apt-get install python3-torch libopenblas0-pthread");
        Path script = Path.of(getClass().getResource("/torch/conv_graph.py").toURI());
        Path recorded = Path.of(getClass().getResource("/torch/conv_graph.txt").toURI());
        Process p = new ProcessBuilder(PYTHON, script.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "conv_graph.py failed");
        assertEquals(Files.readString(recorded), printed);
    }
}
