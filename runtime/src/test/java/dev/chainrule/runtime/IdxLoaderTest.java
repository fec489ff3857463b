package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxLoaderTest {

    /** Three 2x2 images and their labels. */
    private static final byte[] PIXELS = {0, (byte) 255, 51, 102, 1, 2, 3, 4, (byte) 128, 0, 0, 0};
    private static final byte[] LABELS = {2, 0, 1};

    @TempDir
    Path dir;

    static byte[] imageFile(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows)
                .putInt(cols).put(pixels).array();
    }

    static byte[] labelFile(int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(count).put(labels)
                .array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private File write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes).toFile();
    }

    private String error(byte[] images, byte[] labels, int inputs, int outputs) {
        return assertThrows(DataException.class, () -> IdxLoader.load(
                new ByteArrayInputStream(images), "images.idx", new ByteArrayInputStream(labels),
                "labels.idx", inputs, outputs)).getMessage();
    }

    private static void assertLoaded(Dataset data) {
        assertEquals(3, data.size());
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, data.inputs()[0]);
        assertArrayEquals(new double[] {1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0},
                data.inputs()[1]);
        assertArrayEquals(new double[] {128 / 255.0, 0, 0, 0}, data.inputs()[2]);
        assertArrayEquals(new double[] {0, 0, 1}, data.targets()[0]);
        assertArrayEquals(new double[] {1, 0, 0}, data.targets()[1]);
        assertArrayEquals(new double[] {0, 1, 0}, data.targets()[2]);
    }

    @Test
    void readsPlainFiles() throws IOException {
        File images = write("images.idx", imageFile(0x803, 3, 2, 2, PIXELS));
        File labels = write("labels.idx", labelFile(3, LABELS));
        Dataset data = IdxLoader.load(images, labels, 4, 3);
        assertLoaded(data);
        assertEquals(images.getPath(), data.source());
    }

    @Test
    void readsGzippedFilesAndMixes() throws IOException {
        File images = write("images.idx.gz", gzip(imageFile(0x803, 3, 2, 2, PIXELS)));
        File labels = write("labels.idx.gz", gzip(labelFile(3, LABELS)));
        File plainLabels = write("labels.idx", labelFile(3, LABELS));
        assertLoaded(IdxLoader.load(images, labels, 4, 3));
        assertLoaded(IdxLoader.load(images, plainLabels, 4, 3));
        assertArrayEquals(new double[] {128 / 255.0, 0, 0, 0},
                IdxLoader.loadImages(images, 4)[2]);
    }

    @Test
    void rejectsWrongMagicNumbers() {
        byte[] labels = labelFile(3, LABELS);
        assertEquals("images.idx: not an IDX image file: magic number 0x00000801 (a label file),"
                + " expected 0x00000803", error(labels, labels, 4, 3));
        byte[] images = imageFile(0x803, 3, 2, 2, PIXELS);
        assertEquals("labels.idx: not an IDX label file: magic number 0x00000803 (an image file),"
                + " expected 0x00000801", error(images, images, 4, 3));
        assertEquals("images.idx: not an IDX image file: magic number 0x89504e47, expected"
                + " 0x00000803", error(imageFile(0x89504e47, 3, 2, 2, PIXELS), labels, 4, 3));
    }

    @Test
    void checksSizesAndCountsAgainstEachOtherAndTheNetwork() {
        byte[] images = imageFile(0x803, 3, 2, 2, PIXELS);
        assertEquals("images.idx: images are 2x2 = 4 values, expected 784 (the network's inputs)",
                error(images, labelFile(3, LABELS), 784, 3));
        assertEquals("labels.idx: 2 labels but images.idx has 3 images",
                error(images, labelFile(2, Arrays.copyOf(LABELS, 2)), 4, 3));
        assertEquals("labels.idx: label 2 of item 0 (byte 8) out of range 0..1",
                error(images, labelFile(3, LABELS), 4, 2));
        assertEquals("images.idx: bad header: image count -1 at byte 4",
                error(imageFile(0x803, -1, 2, 2, PIXELS), labelFile(3, LABELS), 4, 3));
    }

    @Test
    void reportsTruncatedEmptyAndOverlongFiles() throws IOException {
        byte[] images = imageFile(0x803, 3, 2, 2, PIXELS);
        byte[] labels = labelFile(3, LABELS);
        assertEquals("images.idx: truncated at byte 26 (expected 3 images of 4 bytes after the"
                + " 16-byte header)", error(Arrays.copyOf(images, 26), labels, 4, 3));
        // A gzipped file reports offsets in the uncompressed data.
        assertEquals("images.idx: truncated at byte 26 (expected 3 images of 4 bytes after the"
                + " 16-byte header)", error(gzip(Arrays.copyOf(images, 26)), labels, 4, 3));
        assertEquals("labels.idx: truncated at byte 10 (expected 3 labels after the 8-byte"
                + " header)", error(images, Arrays.copyOf(labels, 10), 4, 3));
        assertEquals("images.idx: truncated at byte 2 (expected the magic number)",
                error(new byte[] {0, 0}, labels, 4, 3));
        assertEquals("images.idx: truncated at byte 12 (expected the column count)",
                error(Arrays.copyOf(images, 12), labels, 4, 3));
        assertEquals("images.idx: file is empty, expected an IDX image file",
                error(new byte[0], labels, 4, 3));
        assertEquals("images.idx: unexpected data after byte 28, where the header says the file"
                + " ends", error(Arrays.copyOf(images, 29), labels, 4, 3));
    }

    @Test
    void namesMissingFiles() {
        DataException e = assertThrows(DataException.class, () -> IdxLoader.load(
                new File("train-images.idx"), new File("train-labels.idx"), 784, 10));
        assertEquals("train-images.idx: file not found", e.getMessage());
    }
}
