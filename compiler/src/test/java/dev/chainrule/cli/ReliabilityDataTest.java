package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import java.io.IOException;
import java.io.StringReader;
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

    @Test
    void dataFilesOfADescriptionAreReportedWhereItNamesThem() throws IOException {
        Path yaml = Files.writeString(dir.resolve("lin.yaml"),
                LINEAR.replace("INIT", "he_normal").replace("lin.csv", "missing.csv"));
        // line 7 is "data: {train: missing.csv}": the value starts at column 15
        Cli.run("train", yaml).assertUserError(yaml + ":7:15: data.train: "
                + dir.resolve("missing.csv") + ": file not found");
        Files.createDirectory(dir.resolve("folder"));
        Files.writeString(dir.resolve("lin.csv"), "1,2,3\n");
        Files.writeString(yaml, LINEAR.replace("INIT", "he_normal")
                .replace("{train: lin.csv}", "{train: lin.csv, test: folder}"));
        Cli.run("train", yaml).assertUserError(yaml + ":7:30: data.test: "
                + dir.resolve("folder") + ": is a directory, expected a file");
        // the wrong kind: an IDX image file where a CSV file is named
        Files.write(dir.resolve("images.bin"),
                new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 7, 9});
        Files.writeString(yaml, LINEAR.replace("INIT", "he_normal")
                .replace("lin.csv", "images.bin"));
        Cli.run("train", yaml).assertUserError(yaml + ":7:15: data.train: "
                + dir.resolve("images.bin") + ": an IDX image file (magic number 0x00000803),"
                + " not CSV; IDX data needs {images, labels}");
        // a pair whose label file is missing points at labels
        Files.writeString(yaml, LINEAR.replace("INIT", "he_normal")
                .replace("lin.csv", "{images: images.bin, labels: nolabels.bin}"));
        Cli.run("train", yaml).assertUserError(yaml + ":7:44: data.train.labels: "
                + dir.resolve("nolabels.bin") + ": file not found");
        // a problem inside a file keeps the file's own line and column
        Files.writeString(dir.resolve("lin.csv"), "1,2,3\n4,x,6\n");
        Files.writeString(yaml, LINEAR.replace("INIT", "he_normal"));
        Cli.run("train", yaml).assertUserError(dir.resolve("lin.csv")
                + ":2:3: expected a number, got 'x'");
    }

    @Test
    void emptyAndBinaryDescriptionsAreReportedAtTheirStart() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Cli.run("train", empty).assertUserError(empty + ":1:1: empty description (expected a"
                + " mapping with keys such as name, input, layers and loss)");
        // a gzip header: not UTF-8
        Path gzip = Files.write(dir.resolve("net.yaml"),
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        Cli.run("train", gzip).assertUserError(gzip + ":1:1: not a UTF-8 text file, expected a"
                + " YAML or JSON description");
        // valid UTF-8, but with NUL bytes (an IDX file has them)
        Path idx = Files.write(dir.resolve("net.json"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 5});
        Cli.run("compile", idx, "-o", dir.resolve("out")).assertUserError(idx + ":1:1: a binary"
                + " file (it has NUL bytes), expected a YAML or JSON description");
    }

    @Test
    void aCsvNumberBeyondFloatIsLocatedForAFloatNetwork() throws IOException {
        Path csv = Files.writeString(dir.resolve("lin.csv"), "x1,x2,t\n1,2,3\n0, 0,1e39\n");
        Path yaml = Files.writeString(dir.resolve("lin.yaml"),
                LINEAR.replace("INIT", "he_normal"));
        // (float) 1e39 is +Infinity; Float.MAX_VALUE prints as 3.4028235E38
        Cli.run("train", yaml).assertUserError(csv + ":3:6: value '1e39' is beyond the range"
                + " of this float network (at most 3.4028235E38 in magnitude)");
        Files.writeString(csv, "-4e38,2,3\n");
        Cli.run("train", yaml, "--data", csv).assertUserError(csv + ":1:1: value '-4e38' is"
                + " beyond the range of this float network");
        // 3e38 fits a float, so it is read as it is (training on it would overflow the loss)
        Dataset fits = CsvLoader.load(new StringReader("0,-3e38,3e38\n"), "fits.csv", 2, 1,
                false, true);
        assertEquals(-3e38, fits.inputs()[0][1]);
        assertEquals(3e38, fits.targets()[0][0]);
        // in double precision 1e39 is an ordinary number
        Files.writeString(csv, "0,0,1e39\n");
        Files.writeString(yaml, LINEAR.replace("INIT", "he_normal")
                .replace("input: 2", "input: 2\nprecision: double"));
        Cli.run("train", yaml, "--save-weights", dir.resolve("w.json")).assertOk();
    }
}
