package dev.chainrule.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The required {@code --weights} of the commands that run trained weights (predict, evaluate). */
final class TrainedWeights {

    @Option(names = "--weights", paramLabel = "W.json", required = true,
            description = "Trained weights (from train --save-weights).")
    Path file;
}
