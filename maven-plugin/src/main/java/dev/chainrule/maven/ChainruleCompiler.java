package dev.chainrule.maven;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.onnx.OnnxImport;
import dev.chainrule.runtime.Network;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/** The real pipeline: parse, compile (with baked weights when there are some), emit Java source. */
final class ChainruleCompiler implements DescriptionCompiler {

    private final Function<Path, String> displayName;

    /** @param displayName how messages name a weights file */
    ChainruleCompiler(Function<Path, String> displayName) {
        this.displayName = displayName;
    }

    @Override
    public GeneratedSource compile(Path file, String shownAs, String content,
                                   Function<String, Path> weights) {
        boolean onnx = file.getFileName().toString().endsWith(".onnx");
        Description description = onnx ? OnnxImport.description(file, shownAs, null)
                : Descriptions.parse(content, shownAs, file.toAbsolutePath().getParent());
        Path weightsFile = weights.apply(description.name());
        LoweredClass lowered = weightsFile != null ? bake(description, weightsFile)
                : onnx ? Chainrule.compile(description, initializers(description)).lowered()
                : Chainrule.compile(description).lowered();
        return new GeneratedSource(lowered.qualifiedName(), SourceBackend.emit(lowered));
    }

    /** An ONNX model's params as its initializers give them, to bake into its class. */
    private static Weights initializers(Description description) {
        Network net = Backend.BYTECODE.instantiate(Chainrule.compile(description).lowered());
        StartingValues.apply(net, description, description.training().seed());
        return Weights.of(net);
    }

    private LoweredClass bake(Description spec, Path weightsFile) {
        String name = displayName.apply(weightsFile);
        Weights weights;
        try (Reader reader = Files.newBufferedReader(weightsFile, StandardCharsets.UTF_8)) {
            weights = WeightsJson.read(reader, name);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": weights file not found (for " + spec.name() + ")");
        } catch (IOException e) {
            throw new DataException(name + ": cannot read weights file: " + e.getMessage());
        }
        return Chainrule.compile(spec, weights).lowered();
    }
}
