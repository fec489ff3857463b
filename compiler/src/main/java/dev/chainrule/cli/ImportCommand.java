package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.onnx.OnnxImport;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.graph.GraphSpec;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule import}: an ONNX model becomes a graph description a person can read and
 * edit, plus its weights keyed by the initializers' ONNX names.
 *
 * <pre>
 * chainrule import mlp.onnx -o nets/ --loss softmax_cross_entropy
 * nets/Mlp.yaml
 * nets/Mlp.weights.json
 * chainrule train nets/Mlp.yaml --data train.csv --save-weights tuned.json
 * </pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an ONNX model as a graph description and its weights.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Directory for NAME.yaml and NAME.weights.json.")
    Path output;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Class name. Default: the file's stem in UpperCamelCase.")
    String name;

    @Option(names = "--loss", paramLabel = "L",
            description = "softmax_cross_entropy (on the logits before a final Softmax or"
                    + " LogSoftmax), mse or squared_error. Default: softmax_cross_entropy after"
                    + " a final Softmax or LogSoftmax, mse otherwise.")
    String loss;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OnnxImport.Result imported = OnnxImport.read(model, name, loss);
        String weightsFile = imported.name() + ".weights.json";
        String yaml = imported.yaml(weightsFile);
        String weights = imported.weightsJson();
        Path yamlPath = output.resolve(imported.name() + ".yaml");
        // everything is checked, shapes included, before a file is written
        GraphSpec description = Descriptions.parseGraph(yaml, yamlPath.toString(), output,
                WeightsJson.read(new StringReader(weights), weightsFile));
        Chainrule.compile(description);
        Path weightsPath = output.resolve(weightsFile);
        OutputFiles.write(weightsPath, weights.getBytes(StandardCharsets.UTF_8));
        OutputFiles.write(yamlPath, yaml.getBytes(StandardCharsets.UTF_8));
        PrintWriter out = spec.commandLine().getOut();
        out.println(yamlPath);
        out.println(weightsPath);
        out.flush();
        return Main.EXIT_OK;
    }
}
