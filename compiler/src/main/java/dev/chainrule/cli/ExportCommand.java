package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.onnx.OnnxExport;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Description;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule export}: a description's forward graph (inputs → output) with its weights as
 * an ONNX model, for onnxruntime, TensorRT or a browser.
 *
 * <pre>
 * chainrule train samples/iris.yaml --save-weights iris.json
 * chainrule export samples/iris.yaml --weights iris.json -o iris.onnx
 * </pre>
 *
 * <p>The batch is the symbolic first dimension {@code N}; a float description exports FLOAT, a
 * double one DOUBLE. Without {@code --weights} the params are their starting values.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a description's forward graph and weights as an ONNX model.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--weights", paramLabel = "W.json",
            description = "Trained weights. Default: the starting values.")
    Path weights;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.onnx", required = true,
            description = "The ONNX file to write.")
    Path output;

    @Option(names = "--opset", paramLabel = "V", defaultValue = "17",
            description = "ONNX opset, 13 to 17. Default: ${DEFAULT-VALUE}.")
    int opset;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (opset < OnnxExport.MIN_OPSET || opset > OnnxExport.MAX_OPSET) {
            throw new UserError("chainrule export: --opset: expected " + OnnxExport.MIN_OPSET
                    + " to " + OnnxExport.MAX_OPSET + ", got " + opset);
        }
        Description network = description.parse();
        Network net = Networks.initialized(network, run.backend, network.training().seed());
        if (weights != null) {
            Networks.loadWeights(net, network, weights);
        }
        byte[] model = OnnxExport.model(Chainrule.compile(network).forward(), net::getParameter,
                opset).toByteArray();
        OutputFiles.write(output, model);
        PrintWriter out = spec.commandLine().getOut();
        out.println(output);
        out.flush();
        return Main.EXIT_OK;
    }
}
