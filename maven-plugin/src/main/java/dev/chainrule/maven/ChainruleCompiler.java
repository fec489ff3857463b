package dev.chainrule.maven;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.MethodSizer;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.lower.LoweredClass;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.SpecParser;
import java.nio.file.Path;

/** The real pipeline: parse, compile with measured method sizes and the IR verifier, emit. */
final class ChainruleCompiler implements DescriptionCompiler {

    @Override
    public GeneratedSource compile(Path file, String displayName, String content) {
        NetworkSpec spec = SpecParser.parse(content, displayName, file.toAbsolutePath().getParent());
        LoweredClass lowered = Chainrule.compile(spec, MethodSizer::measure, true).lowered();
        return new GeneratedSource(lowered.qualifiedName(), SourceBackend.emit(lowered));
    }
}
