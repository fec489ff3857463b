package dev.chainrule.description;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a data set lives: a CSV file, or an MNIST-style pair of IDX files.
 *
 * <p>Written in a description as a path string ({@code train: data/train.csv}) or as a mapping
 * ({@code train: {images: train-images.idx3-ubyte, labels: train-labels.idx1-ubyte}}). Paths
 * are absolute and normalized: relative paths in a description are resolved against the
 * directory of the description file. The parser does not check that the files exist.
 */
public sealed interface DataSource permits DataSource.Csv, DataSource.Idx {

    /** A CSV file. */
    record Csv(Path file) implements DataSource {
        public Csv {
            Objects.requireNonNull(file, "file");
        }
    }

    /** IDX image and label files, as distributed for MNIST. */
    record Idx(Path images, Path labels) implements DataSource {
        public Idx {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(labels, "labels");
        }
    }
}
