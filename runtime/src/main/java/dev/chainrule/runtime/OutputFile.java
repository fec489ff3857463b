package dev.chainrule.runtime;

import java.io.File;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way Chainrule writes a file (weights, checkpoints, reports, generated sources and
 * classes, sweep results): all or nothing, and never over something that is not an output.
 *
 * <ul>
 * <li>The content goes to a temporary file of its own in the target's directory,
 *     {@code .<name>.chainrule-<pid>-<random>.tmp}, is synced to disk, then renamed over the
 *     target in one atomic step: a crash leaves the old file or the new one, never half of one,
 *     and two writers of one target each rename a complete file (the last one wins).</li>
 * <li>A new file gets the permissions of the umask (as any file the user creates); a replaced
 *     file keeps its mode.</li>
 * <li>A target that exists must be a regular file: a symbolic link, directory, FIFO, device or
 *     socket is refused, naming which ({@code /dev/full: is a character device, expected a
 *     regular file}), and {@link #checkNotInput} refuses a target that is one of the run's
 *     inputs, compared by real path.</li>
 * <li>The temporary file is deleted when the write fails; temporary files of this naming whose
 *     process no longer runs (a killed writer's) are deleted before the next write of the
 *     target.</li>
 * </ul>
 *
 * <p>Problems are one-line {@link DataException}s that start with the target's name:
 *
 * <pre>{@code
 * OutputFile.write(new File("w.json"), out -> out.write(bytes));
 * }</pre>
 */
public final class OutputFile {

    /** Writes the whole content to the stream it is given. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String TEMPORARY_MARK = ".chainrule-";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private OutputFile() {
    }

    /** Writes {@code bytes} as the whole content of {@code target}. */
    public static void write(File target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes {@code target} all or nothing, creating its directory if needed.
     *
     * @throws DataException if the target is not a regular file or absent, or the write fails
     */
    public static void write(File target, Content content) {
        String name = target.getPath();
        checkTarget(target);
        Path absolute = target.toPath().toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            deleteStaleTemporaries(directory, absolute.getFileName().toString());
            temporary = createTemporary(directory, absolute.getFileName().toString());
            keepMode(absolute, temporary);
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile())) {
                content.writeTo(new UnclosedStream(stream)); // a JarOutputStream closes its stream
                stream.flush();
                stream.getFD().sync();
            }
            checkTarget(target); // something may have appeared meanwhile
            move(temporary, absolute);
            temporary = null;
            syncDirectory(directory);
        } catch (IOException e) {
            throw new DataException(name + ": cannot write: " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The write already failed; its error is what the user needs to see.
                }
            }
        }
    }

    /**
     * Refuses a target that exists and is not a regular file, so that a device, FIFO, symbolic
     * link or directory given as an output is never replaced by a regular file.
     *
     * @throws DataException naming what the target is
     */
    public static void checkTarget(File target) {
        String kind = kind(target.toPath());
        if (kind != null && !kind.equals("a regular file")) {
            throw new DataException(target.getPath() + ": is " + kind
                    + ", expected a regular file (or a new file name) to write");
        }
    }

    /**
     * Refuses an output that is one of the run's inputs (the description, data, starting
     * weights): same real path, or the same file through another link.
     *
     * @param what how the message names the input, e.g. "the training data"
     * @throws DataException like {@code net.yaml: is the description (an input), refusing to
     *     overwrite it}
     */
    public static void checkNotInput(File target, File input, String what) {
        Path output = target.toPath();
        Path in = input.toPath();
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS) || !Files.exists(in)) {
            return;
        }
        try {
            if (Files.isSameFile(output, in)
                    || output.toRealPath().equals(in.toRealPath())) {
                throw new DataException(target.getPath() + ": is " + what
                        + " (an input of this run), refusing to overwrite it");
            }
        } catch (IOException e) {
            // Cannot resolve one of them: the write itself will say what is wrong.
        }
    }

    /** {@link #checkNotInput} for each of several inputs of one kind (e.g. IDX images and labels). */
    public static void checkNotInputs(File target, Collection<File> inputs, String what) {
        for (File input : inputs) {
            checkNotInput(target, input, what);
        }
    }

    /** What {@code path} is, "a regular file", "a FIFO", ...; null when it does not exist. */
    static String kind(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link";
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a regular file";
        }
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)
                    & 0170000;
            switch (type) {
                case 0010000:
                    return "a FIFO";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    /** Creates the writer's own temporary file; its mode comes from the umask. */
    private static Path createTemporary(Path directory, String name) throws IOException {
        while (true) {
            Path temporary = directory.resolve("." + name + TEMPORARY_MARK + ProcessId.CURRENT
                    + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + TEMPORARY_SUFFIX);
            try {
                Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE).close();
                return temporary;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another writer drew the same name: draw again.
            }
        }
    }

    /** A replaced file keeps its permissions. */
    private static void keepMode(Path target, Path temporary) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
            Files.setPosixFilePermissions(temporary, mode);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    /**
     * Deletes {@code .<name>.chainrule-<pid>-*.tmp} files whose process no longer runs: what a
     * killed writer of this target left behind. Other files, and live writers' temporaries, stay.
     */
    private static void deleteStaleTemporaries(Path directory, String name) throws IOException {
        String prefix = "." + name + TEMPORARY_MARK;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory,
                path -> isTemporaryOf(path.getFileName().toString(), prefix))) {
            for (Path file : files) {
                String rest = file.getFileName().toString().substring(prefix.length());
                long pid = Long.parseLong(rest.substring(0, rest.indexOf('-')));
                if (!ProcessId.isRunning(pid)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** True for {@code <prefix><pid>-<hex>.tmp}, and nothing else. */
    static boolean isTemporaryOf(String file, String prefix) {
        if (!file.startsWith(prefix) || !file.endsWith(TEMPORARY_SUFFIX)) {
            return false;
        }
        String rest = file.substring(prefix.length(), file.length() - TEMPORARY_SUFFIX.length());
        return rest.matches("[0-9]+-[0-9a-f]+");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The file's content is synced; only the rename's durability is best effort.
        }
    }

    /** Passes everything through but {@code close}: the writer syncs and closes the file. */
    private static final class UnclosedStream extends FilterOutputStream {

        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The reason of an I/O failure in words, without the exception's class name. */
    public static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (kind.equals("AccessDeniedException")) {
            return "permission denied";
        }
        if (kind.equals("FileAlreadyExistsException")
                || kind.equals("FileSystemException") && e.getMessage() != null
                        && e.getMessage().contains("Not a directory")) {
            return "a file is in the way of a directory";
        }
        String message = e.getMessage();
        return message == null || message.trim().isEmpty() ? kind
                : message.trim().replaceAll("\\s+", " ");
    }
}
