package dev.chainrule.cli;

import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.OutputFile;
import dev.chainrule.description.DataSource;
import dev.chainrule.description.Description;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one command reads, so that each file it will write can be checked before any work
 * starts: an output must be a regular file or absent (not a device, FIFO, directory or symbolic
 * link) and must not be one of the inputs ({@code --save-weights train.csv} is refused, not
 * obeyed).
 *
 * <pre>{@code
 * RunFiles files = new RunFiles().input("the description", netFile).data(network, dataFlag);
 * files.checkOutput(saveWeights);
 * }</pre>
 */
final class RunFiles {

    private record Input(String what, Path file) {
    }

    private final List<Input> inputs = new ArrayList<>();

    /** Records {@code file} (null: nothing) as an input that {@code what} names in messages. */
    RunFiles input(String what, Path file) {
        if (file != null) {
            inputs.add(new Input(what, file));
        }
        return this;
    }

    /** Records the training and test data the command loads: the flags', else the description's. */
    RunFiles data(Description spec, String trainFlag, String testFlag) {
        source("the training data", trainFlag != null
                ? DataSources.parseFlag("--data", trainFlag)
                : spec.data() == null ? null : spec.data().train());
        source("the test data", testFlag != null
                ? DataSources.parseFlag("--test", testFlag)
                : spec.data() == null ? null : spec.data().test());
        return this;
    }

    private void source(String what, DataSource source) {
        if (source instanceof DataSource.Csv csv) {
            input(what, csv.file());
        } else if (source instanceof DataSource.Idx idx) {
            input(what, idx.images());
            input(what, idx.labels());
        }
    }

    /**
     * Checks an output (null: none) before anything is computed.
     *
     * @param mayBe an input this output may replace on purpose (the checkpoint a run resumes
     *     from and keeps writing), or null
     * @throws UserError naming the output and what it is
     */
    void checkOutput(Path output, Path mayBe) {
        if (output == null) {
            return;
        }
        try {
            OutputFile.checkTarget(output.toFile());
            for (Input input : inputs) {
                if (input.file() != mayBe) {
                    OutputFile.checkNotInput(output.toFile(), input.file().toFile(),
                            input.what());
                }
            }
        } catch (DataException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** {@link #checkOutput(Path, Path)} for an output that replaces no input. */
    void checkOutput(Path output) {
        checkOutput(output, null);
    }
}
