package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one output writer: all or nothing, the umask's or the old file's permissions, special
 * files and inputs refused, its own stale temporaries cleaned. Special files are made by the
 * test inside its temporary directory; no real {@code /dev} entry is ever a target.
 */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFileWithTheUmasksPermissions() throws IOException {
        Path reference = Files.createFile(dir.resolve("made-by-the-jdk")); // 0666 & ~umask
        File target = dir.resolve("sub/w.json").toFile();

        OutputFile.write(target, bytes("new"));

        assertEquals("new", read(target.toPath()));
        assertEquals(Files.getPosixFilePermissions(reference),
                Files.getPosixFilePermissions(target.toPath()));
        assertEquals(Collections.singletonList("w.json"), names(target.toPath().getParent()));
    }

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        Path target = dir.resolve("w.json");
        Files.write(target, bytes("old"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

        OutputFile.write(target.toFile(), bytes("new"));

        assertEquals("new", read(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("w.json");
        Files.write(target, bytes("old"));

        DataException error = assertThrows(DataException.class,
                () -> OutputFile.write(target.toFile(), out -> {
                    out.write(bytes("half"));
                    throw new IOException("disk full");
                }));

        assertEquals(target + ": cannot write: disk full", error.getMessage());
        assertEquals("old", read(target));
        assertEquals(Collections.singletonList("w.json"), names(dir));
    }

    @Test
    void aSymbolicLinkIsRefusedAndItsTargetUntouched() throws IOException {
        Path real = Files.write(dir.resolve("real.json"), bytes("keep"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);

        DataException error = assertThrows(DataException.class,
                () -> OutputFile.write(link.toFile(), bytes("new")));

        assertEquals(link + ": is a symbolic link, expected a regular file (or a new file name)"
                + " to write", error.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("keep", read(real));
    }

    @Test
    void aDirectoryIsRefused() {
        DataException error = assertThrows(DataException.class,
                () -> OutputFile.write(dir.toFile(), bytes("x")));

        assertEquals(dir + ": is a directory, expected a regular file (or a new file name) to"
                + " write", error.getMessage());
    }

    @Test
    void aFifoIsRefusedAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo is not available");

        DataException error = assertThrows(DataException.class,
                () -> OutputFile.write(fifo.toFile(), bytes("x")));

        assertEquals(fifo + ": is a FIFO, expected a regular file (or a new file name) to write",
                error.getMessage());
        assertEquals("a FIFO", OutputFile.kind(fifo));
    }

    @Test
    void aCharacterDeviceIsRefusedAndStaysADevice() throws Exception {
        Path device = dir.resolve("full"); // the numbers of /dev/full, made in the temp dir
        assumeTrue(run("mknod", device.toString(), "c", "1", "7") == 0,
                "mknod needs root");

        DataException error = assertThrows(DataException.class,
                () -> OutputFile.write(device.toFile(), bytes("x")));

        assertEquals(device + ": is a character device, expected a regular file (or a new file"
                + " name) to write", error.getMessage());
        assertEquals("a character device", OutputFile.kind(device));
    }

    @Test
    void anInputIsRefusedByRealPathAndThroughAHardLink() throws IOException {
        Path input = Files.write(dir.resolve("train.csv"), bytes("1,2\n"));
        Files.createDirectory(dir.resolve("sub"));
        Path sameByPath = dir.resolve("sub/../train.csv");
        Path hardLink = Files.createLink(dir.resolve("alias.csv"), input);

        for (Path target : Arrays.asList(input, sameByPath, hardLink)) {
            DataException error = assertThrows(DataException.class,
                    () -> OutputFile.checkNotInput(target.toFile(), input.toFile(),
                            "the training data"));
            assertEquals(target + ": is the training data (an input of this run), refusing to"
                    + " overwrite it", error.getMessage());
        }
        OutputFile.checkNotInput(dir.resolve("other.json").toFile(), input.toFile(), "data");
        assertEquals("1,2\n", read(input));
    }

    @Test
    void staleTemporariesOfDeadWritersGoOthersStay() throws IOException {
        long deadPid = Integer.MAX_VALUE; // above any pid_max (at most 2^22 on Linux)
        Path stale = Files.write(dir.resolve(".w.json.chainrule-" + deadPid + "-1f.tmp"),
                bytes("killed"));
        Path live = Files.write(dir.resolve(".w.json.chainrule-" + ProcessId.CURRENT + "-2e.tmp"),
                bytes("being written"));
        Path users = Files.write(dir.resolve("w.json.tmp"), bytes("the user's"));
        Path otherTarget = Files.write(dir.resolve(".v.json.chainrule-" + deadPid + "-3d.tmp"),
                bytes("another target's"));

        OutputFile.write(dir.resolve("w.json").toFile(), bytes("new"));

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        assertEquals("the user's", read(users));
        assertTrue(Files.exists(otherTarget));
        assertEquals("new", read(dir.resolve("w.json")));
    }

    @Test
    void onlyItsOwnNamingCountsAsATemporary() {
        String prefix = ".w.json.chainrule-";
        assertTrue(OutputFile.isTemporaryOf(".w.json.chainrule-123-abc0.tmp", prefix));
        assertFalse(OutputFile.isTemporaryOf(".w.json.chainrule-123-abc0.tmp.bak", prefix));
        assertFalse(OutputFile.isTemporaryOf(".w.json.chainrule-x-abc0.tmp", prefix));
        assertFalse(OutputFile.isTemporaryOf(".w.json.chainrule-123.tmp", prefix));
        assertFalse(OutputFile.isTemporaryOf("w.json.tmp", prefix));
    }

    @Test
    void twoWritersOfOneFileNeverMixTheirContents() throws Exception {
        Path target = dir.resolve("same.ckpt.json");
        byte[] a = filled('a', 200_000);
        byte[] b = filled('b', 150_000);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<Throwable>());
        Thread[] writers = {writer(target, a, failures), writer(target, b, failures)};
        for (Thread w : writers) {
            w.start();
        }
        int reads = 0;
        while (writers[0].isAlive() || writers[1].isAlive()) {
            if (Files.exists(target)) {
                byte[] seen = Files.readAllBytes(target);
                assertTrue(Arrays.equals(seen, a) || Arrays.equals(seen, b),
                        "a reader saw " + seen.length + " bytes of mixed content");
                reads++;
            }
        }
        for (Thread w : writers) {
            w.join();
        }

        assertEquals(Collections.<Throwable>emptyList(), failures);
        byte[] last = Files.readAllBytes(target);
        assertTrue(Arrays.equals(last, a) || Arrays.equals(last, b));
        assertEquals(Collections.singletonList("same.ckpt.json"), names(dir));
        System.out.println("OutputFileTest: 2 writers x 100 writes, " + reads
                + " reads of whole files");
    }

    private static Thread writer(Path target, byte[] content, List<Throwable> failures) {
        return new Thread(() -> {
            try {
                for (int k = 0; k < 100; k++) {
                    OutputFile.write(target.toFile(), content);
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
    }

    static byte[] filled(char c, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private int run(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile(dir, "run", ".log").toFile()).start()
                    .waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
