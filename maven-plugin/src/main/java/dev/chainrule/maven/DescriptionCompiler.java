package dev.chainrule.maven;

import dev.chainrule.runtime.DataException;
import dev.chainrule.description.SpecException;
import java.nio.file.Path;
import java.util.function.Function;

/** Turns one description into the source of its class; the compiler pipeline in production. */
@FunctionalInterface
interface DescriptionCompiler {

    /**
     * @param file the description, for resolving relative paths in it
     * @param displayName how messages name the file, e.g. {@code src/main/chainrule/net.yaml}
     * @param content the description's text
     * @param weights the weights file to bake in for a network name, or null for none
     * @throws SpecException if the description is not valid
     * @throws DataException if its weights file is not valid or does not fit the network
     */
    GeneratedSource compile(Path file, String displayName, String content,
                            Function<String, Path> weights);
}
