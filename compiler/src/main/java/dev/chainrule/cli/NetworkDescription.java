package dev.chainrule.cli;

import dev.chainrule.description.Description;
import dev.chainrule.onnx.OnnxImport;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code NET} argument of the commands that read a description: its file, first. */
final class NetworkDescription {

    @Parameters(index = "0", paramLabel = "NET",
            description = "Network description (.yaml or .json) or ONNX model (.onnx).")
    Path file;

    /** Reads and validates the description; problems are {@code SpecException}s. */
    Description parse() {
        return Networks.parse(file);
    }

    /**
     * Reads the description; an ONNX model trains with {@code loss} (null: its default, see
     * {@link OnnxImport#description}), which a written description cannot take.
     */
    Description parse(String loss) {
        if (loss == null) {
            return parse();
        }
        if (!file.toString().endsWith(".onnx")) {
            throw new UserError(file + ": --loss is for ONNX models (.onnx); a description names"
                    + " its loss");
        }
        return OnnxImport.description(file, loss);
    }
}
