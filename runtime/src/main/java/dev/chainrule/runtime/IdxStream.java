package dev.chainrule.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of one IDX file for {@link IdxLoader}, gunzipped if they start with the gzip magic,
 * counting the position so truncation and bad values can be reported by byte offset.
 */
final class IdxStream {

    /** Bytes before the first label: magic and count. */
    static final int LABEL_HEADER = 8;

    final String name;
    private InputStream in;
    private long position;

    IdxStream(InputStream raw, String name) {
        this.name = name;
        this.in = raw;
    }

    /** Reads the magic number, first switching to gunzip if the data is gzipped. */
    void expectMagic(int expected, String kind) {
        try {
            InputStream buffered = in instanceof BufferedInputStream
                    ? in : new BufferedInputStream(in, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            in = b0 == 0x1f && b1 == 0x8b
                    ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
                    : buffered;
        } catch (IOException e) {
            throw DataFiles.readError(name, e);
        }
        if (peekEmpty()) {
            throw new DataException(name + ": file is empty, expected an IDX " + kind + " file");
        }
        int magic = readInt("magic number");
        if (magic != expected) {
            String other = magic == IdxLoader.IMAGE_MAGIC ? " (an image file)"
                    : magic == IdxLoader.LABEL_MAGIC ? " (a label file)" : "";
            throw new DataException(name + ": not an IDX " + kind + " file: magic number "
                    + hex(magic) + other + ", expected " + hex(expected));
        }
    }

    /** A non-negative count from the header. */
    int readCount(String what) {
        int value = readInt(what);
        if (value < 0) {
            throw new DataException(name + ": bad header: " + what + " " + value + " at byte "
                    + (position - 4));
        }
        return value;
    }

    byte[] readBytes(int count, String expected) {
        byte[] bytes = new byte[count];
        readFully(bytes, expected);
        return bytes;
    }

    /** Fills {@code into}; {@code expected} says what the bytes were to be, for a truncation. */
    void readFully(byte[] into, String expected) {
        int done = 0;
        try {
            while (done < into.length) {
                int n = in.read(into, done, into.length - done);
                if (n < 0) {
                    throw new DataException(name + ": truncated at byte " + (position + done)
                            + " (expected " + expected + ")");
                }
                done += n;
            }
        } catch (IOException e) {
            throw DataFiles.readError(name, e);
        }
        position += done;
    }

    /** Rejects data after what the header declared: a sign of a wrong or damaged file. */
    void expectEnd() {
        if (!peekEmpty()) {
            throw new DataException(name + ": unexpected data after byte " + position
                    + ", where the header says the file ends");
        }
    }

    private int readInt(String what) {
        byte[] b = new byte[4];
        readFully(b, "the " + what);
        // IDX is big-endian.
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private boolean peekEmpty() {
        try {
            in.mark(1);
            boolean empty = in.read() < 0;
            in.reset();
            return empty;
        } catch (IOException e) {
            throw DataFiles.readError(name, e);
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
