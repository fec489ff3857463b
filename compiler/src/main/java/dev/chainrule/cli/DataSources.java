package dev.chainrule.cli;

import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;
import dev.chainrule.description.DataKeyPosition;
import dev.chainrule.description.DataSource;
import dev.chainrule.description.Description;
import dev.chainrule.description.Precision;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.SpecPosition;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and loads the data sets a command works on: from a flag if given, else from the
 * description's {@code data} section.
 *
 * <p>A flag names a CSV file ({@code --data train.csv}; {@code -} reads CSV rows from standard
 * input) or an IDX image and label pair separated by a comma
 * ({@code --data train-images.gz,train-labels.gz}). A CSV row is the inputs, then
 * either the targets or, for a classifier, one class index.
 */
final class DataSources {

    private DataSources() {
    }

    /** The data source a flag names, relative to the working directory. */
    static DataSource parseFlag(String option, String value) {
        String[] parts = value.split(",", -1);
        if (parts.length == 1) {
            return new DataSource.Csv(path(option, value));
        }
        if (parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()) {
            return new DataSource.Idx(path(option, parts[0].strip()),
                    path(option, parts[1].strip()));
        }
        throw new UserError("chainrule: " + option + ": expected a CSV file or IMAGES,LABELS"
                + " (two IDX files), got '" + value + "'");
    }

    private static Path path(String option, String text) {
        if (text.isBlank()) {
            throw new UserError("chainrule: " + option + ": expected a file name, got nothing");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UserError("chainrule: " + option + ": '" + text
                    + "' is not a valid file path");
        }
    }

    /**
     * The training set: the flag's if given, else the description's {@code data.train}.
     *
     * @throws UserError if neither names one
     */
    static Dataset training(Description spec, String flag) {
        if (flag != null) {
            return load(spec, parseFlag("--data", flag));
        }
        if (spec.data() == null || spec.data().train() == null) {
            throw new UserError(spec.source().displayName()
                    + ": no training data: give --data FILE or add data: {train: FILE}"
                    + " to the description");
        }
        return loadNamed(spec, "train", spec.data().train());
    }

    /** The test set: the flag's if given, else the description's {@code data.test}, or null. */
    static Dataset test(Description spec, String flag) {
        if (flag != null) {
            return load(spec, parseFlag("--test", flag));
        }
        if (spec.data() == null || spec.data().test() == null) {
            return null;
        }
        return loadNamed(spec, "test", spec.data().test());
    }

    /**
     * Loads the data set the description names at {@code data.<key>}; a problem with a file as
     * a whole (missing, a directory, of the wrong kind) is reported where the description names
     * it. Problems inside a file keep the file's own line and column.
     */
    private static Dataset loadNamed(Description spec, String key, DataSource source) {
        try {
            return load(spec, source);
        } catch (DataException e) {
            String subKey = null;
            Path named = null;
            if (source instanceof DataSource.Idx idx) {
                boolean labels = wholeFileProblem(e, idx.labels());
                subKey = labels ? "labels" : "images";
                named = labels ? idx.labels() : idx.images();
            } else {
                named = ((DataSource.Csv) source).file();
            }
            if (!wholeFileProblem(e, named)) {
                throw e;
            }
            Optional<SpecPosition> position = subKey == null
                    ? DataKeyPosition.of(spec.source(), key)
                    : DataKeyPosition.of(spec.source(), key, subKey);
            if (position.isEmpty()) {
                throw e;
            }
            throw SpecException.at(position.get(), "data." + key
                    + (subKey == null ? "" : "." + subKey), e.getMessage());
        }
    }

    /** Whether {@code e} is about {@code file} as a whole ({@code f: ...}, not {@code f:3: ...}). */
    private static boolean wholeFileProblem(DataException e, Path file) {
        return e.getMessage() != null && e.getMessage().startsWith(file(file).getPath() + ": ");
    }

    /** Loads a data set with the network's widths; class indices are allowed for classifiers. */
    static Dataset load(Description spec, DataSource source) {
        if (source instanceof DataSource.Idx idx) {
            return IdxLoader.load(file(idx.images()), file(idx.labels()),
                    Networks.inputWidth(spec), Networks.targetWidth(spec));
        }
        DataSource.Csv csv = (DataSource.Csv) source;
        if (isStdin(csv.file())) {
            return CsvLoader.load(stdin(), STDIN_NAME, Networks.inputWidth(spec),
                    Networks.targetWidth(spec), Networks.classifier(spec), floatRange(spec));
        }
        return CsvLoader.load(file(csv.file()), Networks.inputWidth(spec),
                Networks.targetWidth(spec), Networks.classifier(spec), floatRange(spec));
    }

    /** A float network sees a value beyond float range as infinity: such data is refused. */
    private static boolean floatRange(Description spec) {
        return spec.precision() == Precision.FLOAT;
    }

    /** How messages name CSV rows read from standard input ({@code --data -}). */
    static final String STDIN_NAME = "<stdin>";

    private static boolean isStdin(Path file) {
        return file.toString().equals("-");
    }

    /** Standard input as text; not closed, since the process owns it. */
    private static java.io.Reader stdin() {
        return new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset());
    }

    /**
     * Input rows only, for prediction: a CSV file (extra columns are ignored), an IDX image file
     * (a name with {@code idx3} in it), or an IDX pair (its labels are ignored).
     */
    static double[][] inputs(Description spec, String flag) {
        DataSource source = parseFlag("--data", flag);
        if (source instanceof DataSource.Idx idx) {
            return IdxLoader.loadImages(file(idx.images()), Networks.inputWidth(spec));
        }
        Path file = ((DataSource.Csv) source).file();
        if (isStdin(file)) {
            return CsvLoader.loadInputs(stdin(), STDIN_NAME, Networks.inputWidth(spec));
        }
        if (file.getFileName() != null && file.getFileName().toString().contains("idx3")) {
            return IdxLoader.loadImages(file(file), Networks.inputWidth(spec));
        }
        return CsvLoader.loadInputs(file(file), Networks.inputWidth(spec));
    }

    /**
     * The file as messages should show it: relative to the working directory when it lies
     * below it (the description's data paths arrive absolute), else as given.
     */
    static File file(Path path) {
        if (path.isAbsolute()) {
            Path workingDirectory = Path.of("").toAbsolutePath();
            if (path.startsWith(workingDirectory)) {
                return workingDirectory.relativize(path).toFile();
            }
        }
        return path.toFile();
    }
}
