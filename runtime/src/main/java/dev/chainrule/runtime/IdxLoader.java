package dev.chainrule.runtime;

import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IDX files MNIST (and Fashion-MNIST, EMNIST, ...) ship as: an image file of unsigned
 * bytes (magic {@code 0x00000803}, then count, rows, columns) and a label file (magic
 * {@code 0x00000801}, then count), each plain or gzipped (detected from the gzip magic, so
 * {@code train-images-idx3-ubyte.gz} works as downloaded). Pixels become {@code v / 255.0} in
 * [0, 1]; labels become one-hot target rows.
 *
 * <pre>{@code
 * Dataset train = IdxLoader.load(new File("train-images-idx3-ubyte.gz"),
 *         new File("train-labels-idx1-ubyte.gz"), 784, 10);
 * }</pre>
 *
 * <p>Problems are {@link DataException}s such as
 * {@code t10k-labels-idx1-ubyte: 9999 labels but t10k-images-idx3-ubyte has 10000 images}; byte
 * offsets count the uncompressed data.
 */
public final class IdxLoader {

    static final int IMAGE_MAGIC = 0x00000803;
    static final int LABEL_MAGIC = 0x00000801;
    /** Bytes before the first pixel: magic, count, rows, columns. */
    static final int IMAGE_HEADER = 16;

    private IdxLoader() {
    }

    /** Loads images as inputs and their labels as one-hot targets over {@code outputs} classes. */
    public static Dataset load(File images, File labels, int inputs, int outputs) {
        InputStream imageStream = DataFiles.openStream(images);
        try {
            InputStream labelStream = DataFiles.openStream(labels);
            try {
                return load(imageStream, DataFiles.displayName(images), labelStream,
                        DataFiles.displayName(labels), inputs, outputs);
            } finally {
                DataFiles.closeQuietly(labelStream);
            }
        } finally {
            DataFiles.closeQuietly(imageStream);
        }
    }

    /** As {@link #load(File, File, int, int)}, from streams; the names are shown in messages. */
    public static Dataset load(InputStream images, String imagesName, InputStream labels,
                               String labelsName, int inputs, int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("need at least one class, got " + outputs);
        }
        IdxStream imageIn = new IdxStream(images, imagesName);
        IdxStream labelIn = new IdxStream(labels, labelsName);
        int count = readImageHeader(imageIn, inputs);
        labelIn.expectMagic(LABEL_MAGIC, "label");
        int labelCount = labelIn.readCount("label count");
        if (labelCount != count) {
            throw new DataException(labelsName + ": " + labelCount + " labels but " + imagesName
                    + " has " + count + " images");
        }
        double[][] xs = readPixels(imageIn, count, inputs);
        double[][] ts = new double[count][outputs];
        byte[] bytes = labelIn.readBytes(count, count + " labels after the "
                + IdxStream.LABEL_HEADER + "-byte header");
        for (int k = 0; k < count; k++) {
            int label = bytes[k] & 0xFF;
            if (label >= outputs) {
                throw new DataException(labelsName + ": label " + label + " of item " + k
                        + " (byte " + (IdxStream.LABEL_HEADER + k) + ") out of range 0.."
                        + (outputs - 1));
            }
            ts[k][label] = 1;
        }
        labelIn.expectEnd();
        return new Dataset(imagesName, inputs, outputs, xs, ts);
    }

    /** Loads only images, for prediction. */
    public static double[][] loadImages(File images, int inputs) {
        InputStream in = DataFiles.openStream(images);
        try {
            return loadImages(in, DataFiles.displayName(images), inputs);
        } finally {
            DataFiles.closeQuietly(in);
        }
    }

    /** As {@link #loadImages(File, int)}, from a stream; {@code name} is shown in messages. */
    public static double[][] loadImages(InputStream images, String name, int inputs) {
        IdxStream in = new IdxStream(images, name);
        int count = readImageHeader(in, inputs);
        return readPixels(in, count, inputs);
    }

    /** Checks the image header against the network's input width; returns the image count. */
    private static int readImageHeader(IdxStream in, int inputs) {
        in.expectMagic(IMAGE_MAGIC, "image");
        int count = in.readCount("image count");
        int rows = in.readCount("row count");
        int cols = in.readCount("column count");
        if ((long) rows * cols != inputs) {
            throw new DataException(in.name + ": images are " + rows + "x" + cols + " = "
                    + (long) rows * cols + " values, expected " + inputs
                    + " (the network's inputs)");
        }
        return count;
    }

    private static double[][] readPixels(IdxStream in, int count, int inputs) {
        // Grown as data arrives, so a damaged header's huge count fails as a truncation, not
        // as an OutOfMemoryError.
        List<double[]> xs = new ArrayList<>(Math.min(count, 1 << 16));
        byte[] pixels = new byte[inputs];
        String expected = count + " images of " + inputs + " bytes after the "
                + IMAGE_HEADER + "-byte header";
        for (int k = 0; k < count; k++) {
            in.readFully(pixels, expected);
            double[] x = new double[inputs];
            for (int p = 0; p < inputs; p++) {
                x[p] = (pixels[p] & 0xFF) / 255.0;
            }
            xs.add(x);
        }
        in.expectEnd();
        return xs.toArray(new double[0][]);
    }
}
