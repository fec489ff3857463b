package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's output cases at the command line: outputs never replace an input or a special
 * file (which the test makes in its own temporary directory; no real {@code /dev} entry is
 * used), two runs sharing one checkpoint never corrupt it, permissions follow the umask or the
 * replaced file.
 */
@Tag("reliability")
class ReliabilityOutputTest {

    @TempDir
    Path dir;

    private IrisRun iris;

    @BeforeEach
    void setUp() throws IOException {
        iris = new IrisRun(dir);
    }

    @Test
    void aCheckpointOverTheDescriptionIsRefusedBeforeTraining() throws IOException {
        Cli.Result result = Cli.run("train", iris.description, "--checkpoint",
                iris.description).assertUserError(iris.description + ": is the description (an"
                + " input of this run), refusing to overwrite it");
        assertEquals("", result.out());
        assertEquals(IrisRun.YAML, Files.readString(iris.description));
    }

    @Test
    void savedWeightsOverTheDataAreRefused() throws IOException {
        byte[] data = Files.readAllBytes(iris.data);
        Path sameData = dir.resolve("sub/../iris.csv");
        Files.createDirectory(dir.resolve("sub"));
        Cli.run("train", iris.description, "--save-weights", sameData).assertUserError(
                sameData + ": is the training data (an input of this run), refusing to"
                        + " overwrite it");
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(iris.data)));
    }

    @Test
    void aReportOverTheResumedCheckpointIsRefused() {
        Path checkpoint = iris.checkpointAfterOneEpoch("c.json");
        Cli.run("train", iris.description, "--resume", checkpoint, "--report", checkpoint)
                .assertUserError(checkpoint + ": is the checkpoint this run resumes (an input"
                        + " of this run), refusing to overwrite it");
    }

    @Test
    void aUsersTmpFileBesideTheCheckpointIsLeftAlone() throws IOException {
        Path users = Files.writeString(dir.resolve("c.json.tmp"), "mine");
        iris.checkpointAfterOneEpoch("c.json");
        assertEquals("mine", Files.readString(users));
        assertEquals(List.of("c.json", "c.json.tmp", "iris.csv", "iris.yaml"), names());
    }

    @Test
    void aFifoIsNotReplaced() throws Exception {
        Path fifo = dir.resolve("w.fifo");
        assumeTrue(make("mkfifo", fifo.toString()), "mkfifo is not available");
        Cli.run("train", iris.description, "--save-weights", fifo).assertUserError(fifo
                + ": is a FIFO, expected a regular file (or a new file name) to write");
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aCharacterDeviceIsNotReplaced() throws Exception {
        Path device = dir.resolve("full"); // /dev/full's numbers, made in the temp directory
        assumeTrue(make("mknod", device.toString(), "c", "1", "7"), "mknod needs root");
        Cli.run("train", iris.description, "--checkpoint", device).assertUserError(device
                + ": is a character device, expected a regular file (or a new file name) to"
                + " write");
        assertTrue(Files.exists(device) && !Files.isRegularFile(device));
    }

    @Test
    void aSymbolicLinkIsNotFollowedNorReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.html"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("run.html"), real);
        Cli.run("train", iris.description, "--report", link).assertUserError(link
                + ": is a symbolic link, expected a regular file (or a new file name) to write");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("keep", Files.readString(real));
    }

    @Test
    void aDirectoryIsNotAWeightsFile() {
        Cli.run("train", iris.description, "--save-weights", dir).assertUserError(dir
                + ": is a directory, expected a regular file (or a new file name) to write");
    }

    @Test
    void weightsGetTheUmasksModeAndAReplacedFileKeepsItsOwn() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference")); // 0666 & ~umask
        Path fresh = dir.resolve("fresh.json");
        Cli.run("train", iris.description, "--epochs", 1, "--save-weights", fresh).assertOk();
        assertEquals(Files.getPosixFilePermissions(reference),
                Files.getPosixFilePermissions(fresh));

        Path kept = Files.writeString(dir.resolve("kept.json"), "{}");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.run("train", iris.description, "--epochs", 1, "--save-weights", kept).assertOk();
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(kept)));
    }

    @Test
    void twoRunsSharingACheckpointLeaveAValidOne() throws IOException {
        Path shared = dir.resolve("same.ckpt.json");
        CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> Cli.run(
                "train", iris.description, "--epochs", 30, "--seed", 1, "--checkpoint", shared,
                "--threads", 1));
        CompletableFuture<Cli.Result> second = CompletableFuture.supplyAsync(() -> Cli.run(
                "train", iris.description, "--epochs", 30, "--seed", 2, "--checkpoint", shared,
                "--threads", 1));
        first.join().assertOk();
        second.join().assertOk();

        // The file is one run's complete last checkpoint: resuming it with that run's seed
        // finds nothing left to train (all 30 epochs done, or early stopping ended the run).
        String seed = Files.readString(shared).replaceAll("(?s).* seed=(\\d+) .*", "$1");
        assertTrue(seed.equals("1") || seed.equals("2"), seed);
        Cli.Result resumed = Cli.run("train", iris.description, "--epochs", 30, "--seed", seed,
                "--resume", shared).assertOk();
        assertTrue(resumed.out().startsWith(shared + ": "), resumed.out());
        assertTrue(resumed.out().contains("; nothing to train"), resumed.out());
        assertEquals(List.of("iris.csv", "iris.yaml", "same.ckpt.json"), names());
    }

    private boolean make(String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("make.log").toFile()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
