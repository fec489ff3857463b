package dev.chainrule.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --weights} of the commands that run trained weights (predict, evaluate): required
 * unless the description gives every param its values (an ONNX model's initializers).
 */
final class TrainedWeights {

    @Option(names = "--weights", paramLabel = "W.json",
            description = "Trained weights (from train --save-weights). Required unless every"
                    + " param has values: an ONNX model's initializers, a graph's 'weights:'.")
    Path file;
}
