package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.graph.GraphText;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Description;
import dev.chainrule.description.Messages;
import dev.chainrule.description.NetworkSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code chainrule compile}: turns a description into a trainer class, or shows its IR.
 *
 * <pre>
 * chainrule compile samples/iris.yaml -o src/main/java     # .../dev/chainrule/samples/Iris.java
 * chainrule compile samples/iris.yaml                      # the .java file on stdout
 * chainrule compile samples/iris.yaml --emit class -o classes/
 * chainrule compile samples/iris.yaml -o iris.jar          # a jar of class files
 * chainrule compile samples/iris.yaml --emit ir            # graph IR, then with derivatives
 * chainrule compile samples/iris.yaml --weights iris.json -o out/   # trained weights built in
 * </pre>
 *
 * <p>Generated classes extend {@code dev.chainrule.runtime.GeneratedGraph} (a
 * {@code GeneratedNetwork}): put the {@code chainrule-runtime} jar on the class path of whatever
 * uses them.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a network description into a Java trainer class.")
final class CompileCommand implements Callable<Integer> {

    /** What {@code --emit} writes. */
    enum Emit { JAVA, IR, CLASS }

    /** Reads {@code --emit java|ir|class}, any case. */
    static final class EmitOption implements ITypeConverter<Emit> {
        @Override
        public Emit convert(String value) {
            for (Emit kind : Emit.values()) {
                if (kind.name().equalsIgnoreCase(value)) {
                    return kind;
                }
            }
            throw new TypeConversionException("expected java, ir or class, got '" + value + "'");
        }
    }

    @Mixin
    NetworkDescription description;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output directory (files go under their package path), or a .jar file"
                    + " for class files. Default: java and ir go to stdout.")
    Path output;

    @Option(names = "--emit", paramLabel = "KIND", converter = EmitOption.class,
            description = "java (the default), class, or ir (the graph IR as built, then with"
                    + " derivatives and optimized).")
    Emit emit;

    @Option(names = "--backend", paramLabel = "NAME", converter = BackendOption.class,
            description = "Class files from: bytecode (the default, direct) or source (javac).")
    Backend backend;

    @Option(names = "--weights", paramLabel = "W.json",
            description = "Build these trained weights into the class, so it predicts without"
                    + " a weights file.")
    Path weights;

    @Mixin
    WrittenFiles written;

    @Spec
    CommandSpec spec;

    /** The files this run reads; no output may replace one. */
    private RunFiles inputs;

    @Override
    public Integer call() {
        boolean jar = output != null && output.getFileName() != null
                && output.getFileName().toString().endsWith(".jar");
        // --emit says what is written, --backend only how class files are made
        Emit kind = emit != null ? emit : jar ? Emit.CLASS : Emit.JAVA;
        checkCombination(kind, jar);
        Description described = description.parse();
        inputs = new RunFiles().input("the description", description.file)
                .input("the weights to bake in (--weights)", weights);
        Chainrule.Compilation compilation = weights == null ? Chainrule.compile(described)
                : Chainrule.compile(described, bakedWeights());
        LoweredClass lowered = compilation.lowered();
        PrintWriter out = spec.commandLine().getOut();
        switch (kind) {
            case IR -> printOrWrite(out, ir(compilation), described, ".ir");
            case JAVA -> printOrWrite(out, SourceBackend.emit(lowered), described, ".java");
            case CLASS -> {
                Backend classes = backend != null ? backend : Backend.BYTECODE;
                Map<String, byte[]> files =
                        new TreeMap<>(classes.classFiles(lowered));
                if (jar) {
                    writeJar(files);
                    written.wrote(out, output, Messages.plural(files.size(), "class file")
                            + " from the " + classes.name().toLowerCase(Locale.ROOT) + " backend");
                } else {
                    files.forEach((name, bytes) -> {
                        Path file = output.resolve(packagePath(name, ".class"));
                        write(file, bytes);
                        written.wrote(out, file, "class file from the "
                                + classes.name().toLowerCase(Locale.ROOT) + " backend");
                    });
                }
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private void checkCombination(Emit kind, boolean jar) {
        if (kind == Emit.JAVA && backend == Backend.BYTECODE) {
            throw new UserError("chainrule compile: --backend bytecode makes class files, and"
                    + " Java source (--emit java" + (emit == null ? ", the default" : "")
                    + ") comes from the source backend: add --emit class, or drop --backend");
        }
        if (jar && kind != Emit.CLASS) {
            throw new UserError(output + ": a jar holds class files; use --emit class or an"
                    + " output directory");
        }
        if (kind == Emit.IR && weights != null) {
            throw new UserError("chainrule compile: --weights changes the class, not the IR;"
                    + " drop it for --emit ir");
        }
        if (kind == Emit.CLASS && output == null) {
            throw new UserError("chainrule compile: --emit class needs -o DIR or -o FILE.jar"
                    + " (class files are not for a terminal)");
        }
    }

    /** The weights file to bake in; the compiler checks it against the network. */
    private Weights bakedWeights() {
        return WeightsJson.read(DataSources.file(weights));
    }

    /** The graph IR as the front end built it, then with derivatives and optimized. */
    static String ir(Chainrule.Compilation c) {
        Description d = c.spec();
        String summary = d instanceof NetworkSpec layers ? " (" + Chainrule.summary(layers) + ")"
                : "";
        return "# forward IR of " + d.qualifiedName() + summary + "\n"
                + GraphText.print(c.forward())
                + "\n# IR of " + d.qualifiedName() + " with derivatives (after optimization)\n"
                + GraphText.print(c.optimized());
    }

    /** Text to stdout, or to the class's file under the output directory. */
    private void printOrWrite(PrintWriter out, String text, Description network,
                              String extension) {
        if (output == null) {
            out.print(text);
        } else {
            Path file = output.resolve(packagePath(network.qualifiedName(), extension));
            write(file, text.getBytes(StandardCharsets.UTF_8));
            written.wrote(out, file, extension.equals(".ir") ? "graph IR" : "Java source");
        }
    }

    /** Writes one output file, never over one of the inputs. */
    private void write(Path file, byte[] bytes) {
        inputs.checkOutput(file);
        OutputFiles.write(file, bytes);
    }

    /** A class's file under its package path, such as {@code dev/chainrule/samples/Iris.java}. */
    private static String packagePath(String className, String extension) {
        return className.replace('.', '/') + extension;
    }

    private void writeJar(Map<String, byte[]> files) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "Chainrule " + Chainrule.version());
        // A fixed time, so the same description always gives the same jar, byte for byte.
        LocalDateTime time = LocalDateTime.of(1980, 2, 1, 0, 0);
        inputs.checkOutput(output);
        OutputFiles.write(output, stream -> {
            try (JarOutputStream jar = new JarOutputStream(stream)) {
                JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
                manifestEntry.setTimeLocal(time);
                jar.putNextEntry(manifestEntry);
                manifest.write(jar);
                jar.closeEntry();
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    JarEntry entry = new JarEntry(packagePath(file.getKey(), ".class"));
                    entry.setTimeLocal(time);
                    jar.putNextEntry(entry);
                    jar.write(file.getValue());
                    jar.closeEntry();
                }
            }
        });
    }
}
