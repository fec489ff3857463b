package dev.chainrule.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's data and description cases: a negative std is named as such, a lone IDX file is
 * not read as CSV, a device is not read at all.
 */
@Tag("reliability")
class ReliabilityDataTest {

    @TempDir
    Path dir;

    /** A float network with two inputs and one target, trained on {@code lin.csv}. */
    private static final String LINEAR = """
            name: Lin
            input: 2
            layers:
              - {units: 1, activation: identity, init: INIT}
            loss: squared_error
            training: {epochs: 1}
            data: {train: lin.csv}
            """;

    @Test
    void aNonPositiveStdIsNamedNotCalledUnknown() throws IOException {
        Files.writeString(dir.resolve("lin.csv"), "1,2,3\n");
        Path yaml = Files.writeString(dir.resolve("lin.yaml"),
                LINEAR.replace("INIT", "normal(std=-1)"));
        Cli.run("train", yaml).assertUserError(yaml + ":4:44: layers[0].init: 'normal(std=-1)':"
                + " std must be a finite number > 0, got -1");
        Files.writeString(yaml, LINEAR.replace("INIT", "uniform(a=0)"));
        Cli.run("train", yaml).assertUserError(yaml + ":4:44: layers[0].init: 'uniform(a=0)':"
                + " a must be a finite number > 0, got 0");
        // a setting that is not a number stays an unknown spelling
        Files.writeString(yaml, LINEAR.replace("INIT", "normal(std=x)"));
        Cli.run("train", yaml).assertUserError(yaml + ":4:44: layers[0].init: unknown"
                + " initializer 'normal(std=x)'");
    }

    @Test
    void aLoneIdxFileIsRefusedByItsMagicNumber() throws IOException {
        Path yaml = Files.writeString(dir.resolve("lin.yaml"),
                LINEAR.replace("INIT", "he_normal"));
        // IDX images: magic 0x00000803, then count 1, rows 1, columns 2, then two pixels
        Path images = Files.write(dir.resolve("images.bin"),
                new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 7, 9});
        Cli.run("train", yaml, "--data", images).assertUserError(images + ": an IDX image file"
                + " (magic number 0x00000803), not CSV; IDX data needs {images, labels}, an"
                + " image file and a label file");
        Path labels = Files.write(dir.resolve("labels.bin"),
                new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 0});
        Cli.run("train", yaml, "--data", labels).assertUserError(labels + ": an IDX label file"
                + " (magic number 0x00000801), not CSV;");
    }

    @Test
    void aDeviceIsNotReadAsData() throws IOException {
        Path yaml = Files.writeString(dir.resolve("lin.yaml"),
                LINEAR.replace("INIT", "he_normal"));
        // /dev/zero never ends: reading it as CSV would run until memory is exhausted
        Cli.run("train", yaml, "--data", "/dev/zero").assertUserError("/dev/zero: is a device"
                + " or FIFO, not a data file; expected a regular file");
        Cli.run("predict", yaml, "--data", "/dev/zero").assertUserError("/dev/zero: is a"
                + " device or FIFO, not a data file; expected a regular file");
    }
}
