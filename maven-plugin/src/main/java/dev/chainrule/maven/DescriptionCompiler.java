package dev.chainrule.maven;

import dev.chainrule.spec.SpecException;
import java.nio.file.Path;

/** Turns one description into the source of its class; the compiler pipeline in production. */
@FunctionalInterface
interface DescriptionCompiler {

    /**
     * @param file the description, for resolving relative paths in it
     * @param displayName how messages name the file, e.g. {@code src/main/chainrule/net.yaml}
     * @param content the description's text
     * @throws SpecException if the description is not valid
     */
    GeneratedSource compile(Path file, String displayName, String content);
}
