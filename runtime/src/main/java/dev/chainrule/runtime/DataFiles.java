package dev.chainrule.runtime;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Opens input files with the one-line {@link DataException} messages the loaders promise. */
final class DataFiles {

    private DataFiles() {
    }

    /** The name a message shows for {@code file}: its path as the user gave it. */
    static String displayName(File file) {
        return file.getPath();
    }

    static InputStream openStream(File file) {
        String name = displayName(file);
        // FileInputStream reports both cases as FileNotFoundException with an OS-specific text.
        if (file.isDirectory()) {
            throw new DataException(name + ": is a directory, expected a file");
        }
        // A device or FIFO (/dev/zero) would be read until memory runs out: refuse it at once.
        if (file.exists() && !file.isFile()) {
            throw new DataException(name + ": is a device or FIFO, not a data file;"
                    + " expected a regular file");
        }
        try {
            return new BufferedInputStream(new FileInputStream(file), 1 << 16);
        } catch (FileNotFoundException e) {
            throw new DataException(name + (file.exists() ? ": cannot open: " + e.getMessage()
                    : ": file not found"), e);
        }
    }

    /** UTF-8, the only encoding the loaders read; the caller closes the reader. */
    static Reader openReader(File file) {
        return new InputStreamReader(openStream(file), StandardCharsets.UTF_8);
    }

    /**
     * A CSV file as UTF-8 text; a lone IDX file (told by its magic number) is refused, since
     * IDX data is a pair of an image and a label file.
     */
    static Reader openCsvReader(File file) {
        InputStream in = openStream(file);
        int magic;
        try {
            in.mark(4);
            magic = 0;
            for (int i = 0; i < 4; i++) {
                int b = in.read();
                magic = b < 0 ? -1 : magic << 8 | b;
                if (b < 0) {
                    break;
                }
            }
            in.reset();
        } catch (IOException e) {
            closeQuietly(in);
            throw readError(displayName(file), e);
        }
        if (magic == IdxLoader.IMAGE_MAGIC || magic == IdxLoader.LABEL_MAGIC) {
            closeQuietly(in);
            throw new DataException(displayName(file) + ": an IDX "
                    + (magic == IdxLoader.IMAGE_MAGIC ? "image" : "label")
                    + " file (magic number 0x0000080" + (magic & 0xf) + "), not CSV;"
                    + " IDX data needs {images, labels}, an image file and a label file");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    static DataException readError(String name, IOException e) {
        return new DataException(name + ": cannot read: " + e.getMessage(), e);
    }

    /** Closes what a loader opened, once it has read everything it needs. */
    static void closeQuietly(Closeable in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Everything was read already; a failing close cannot change the result.
        }
    }
}
