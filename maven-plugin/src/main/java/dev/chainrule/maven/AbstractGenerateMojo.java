package dev.chainrule.maven;

import dev.chainrule.description.SpecException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.Scanner;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * What {@code generate} and {@code generate-test} share: find the descriptions, bring the
 * generated classes up to date with them (see {@link IncrementalGenerator}), and add the output
 * directory to the project's source roots.
 */
abstract class AbstractGenerateMojo extends AbstractMojo {

    /**
     * Ant-style patterns, relative to the source directory, of the descriptions to compile;
     * by default {@code **}{@code /*.yaml}, {@code **}{@code /*.yml}, {@code **}{@code /*.json}
     * and ONNX models, {@code **}{@code /*.onnx} (their initializers baked in as weights).
     */
    @Parameter
    private String[] includes = {"**/*.yaml", "**/*.yml", "**/*.json", "**/*.onnx"};

    /** Ant-style patterns, relative to the source directory, of files to leave out. */
    @Parameter
    private String[] excludes = {};

    /**
     * Trained weights to bake into generated classes, so they predict without loading a weights
     * file: weights JSON files (as {@code WeightsJson} and {@code chainrule train --save-weights}
     * write them), relative to the project's base directory, keyed by network name or by the
     * description's path below the source directory. A baked class still trains.
     *
     * <pre>{@code
     * <weights>
     *   <Iris>src/main/weights/iris-2024-06.json</Iris>
     * </weights>
     * }</pre>
     */
    @Parameter
    private Map<String, String> weights = Map.of();

    /**
     * Directory where {@code <Name>.weights.json}, if present, is baked into the class of the
     * network named {@code Name}. Entries of {@code weights} take precedence.
     */
    @Parameter(property = "chainrule.weightsDirectory")
    private File weightsDirectory;

    /** Skips the goal; the output directory is then not added as a source root either. */
    @Parameter(property = "chainrule.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Whether the project's test JVMs start with {@code --add-modules jdk.incubator.vector} (added
     * to the {@code argLine} property when the JDK has the module), so trained networks run the
     * runtime's Vector API kernels in tests. Only speed changes: the weights are the same bits.
     */
    @Parameter(property = "chainrule.vectorModule", defaultValue = "true")
    private boolean vectorModule;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    @Component
    private BuildContext buildContext;

    /** Directory searched for descriptions. */
    abstract File sourceDirectory();

    /** Directory the generated sources are written to. */
    abstract File outputDirectory();

    /** Registers the output directory as a main or test source root. */
    abstract void addSourceRoot(MavenProject project, String directory);

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping Chainrule generation (chainrule.skip)");
            return;
        }
        File sources = sourceDirectory();
        File output = outputDirectory();
        if (inputsChanged(sources)) {
            generate(sources, output);
        } else {
            getLog().debug("No description changed in " + sources);
        }
        // Also when nothing changed: the compiler still needs the classes generated before.
        addSourceRoot(project, output.getPath());
        if (vectorModule) {
            addVectorModuleToArgLine();
        }
    }

    private void addVectorModuleToArgLine() {
        String argLine = project.getProperties().getProperty("argLine");
        String withModule = TestJvmFlags.withVectorModule(argLine,
                TestJvmFlags.jdkHasVectorModule());
        if (withModule != null && !withModule.equals(argLine)) {
            project.getProperties().setProperty("argLine", withModule);
            getLog().info("Test JVMs start with " + TestJvmFlags.FLAG
                    + " (argLine), for the runtime's Vector API kernels");
        }
    }

    /** False only in an IDE's incremental build that touched no description or weights file. */
    private boolean inputsChanged(File sources) {
        return !buildContext.isIncremental() || buildContext.hasDelta(sources)
                || (weightsDirectory != null && buildContext.hasDelta(weightsDirectory))
                || weights.values().stream().anyMatch(w -> buildContext.hasDelta(w));
    }

    private void generate(File sources, File output)
            throws MojoExecutionException, MojoFailureException {
        Path basedir = project.getBasedir().toPath();
        List<String> descriptions = scan(sources);
        Path stateFile = output.toPath().resolve(
                GenerationState.fileName(execution.getGoal() + "-" + execution.getExecutionId()));
        Map<String, Path> weightFiles = new TreeMap<>();
        weights.forEach((key, file) -> weightFiles.put(key, basedir.resolve(file)));
        WeightsLocator locator = new WeightsLocator(weightFiles,
                weightsDirectory == null ? null : weightsDirectory.toPath());
        IncrementalGenerator generator = new IncrementalGenerator(sources.toPath(),
                output.toPath(), stateFile, basedir, options(),
                new ChainruleCompiler(file -> IncrementalGenerator.displayName(basedir, file)), locator,
                new BuildContextListener(buildContext));
        String shownSources = generator.displayName(sources.toPath());
        IncrementalGenerator.Outcome outcome;
        try {
            outcome = generator.run(descriptions);
        } catch (IncrementalGenerator.DescriptionErrors e) {
            e.lines().forEach(getLog()::error);
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("Chainrule could not generate classes from "
                    + shownSources + ": " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        report(outcome, shownSources);
    }

    private List<String> scan(File sources) {
        if (!sources.isDirectory()) {
            return List.of();
        }
        Scanner scanner = buildContext.newScanner(sources, true);
        scanner.setIncludes(includes);
        scanner.setExcludes(excludes);
        scanner.addDefaultExcludes();
        scanner.scan();
        return Arrays.stream(scanner.getIncludedFiles())
                .map(path -> path.replace(File.separatorChar, '/'))
                .sorted()
                .toList();
    }

    /** Everything besides a description's bytes that its generated class depends on. */
    private static String options() {
        return "chainrule " + CompilerBuild.identity() + "; backend source; verify";
    }

    private void report(IncrementalGenerator.Outcome outcome, String shownSources) {
        if (!outcome.upToDate().isEmpty()) {
            getLog().info(count(outcome.upToDate().size(), "description") + " up to date");
        }
        if (!outcome.generated().isEmpty()) {
            getLog().info("Generated " + count(outcome.generated().size(), "class") + " from "
                    + shownSources + ": " + String.join(", ", outcome.generated()));
        }
        for (String removed : outcome.removed()) {
            getLog().info("Removed " + removed + ": its description is gone");
        }
        if (outcome.upToDate().isEmpty() && outcome.generated().isEmpty()) {
            getLog().info("No descriptions in " + shownSources);
        }
    }

    private static String count(int n, String noun) {
        String plural = noun.endsWith("s") ? noun + "es" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }

    /** Tells m2e which files changed and where a description is wrong. */
    private record BuildContextListener(BuildContext context) implements IncrementalGenerator.Listener {

        @Override
        public void clearProblems(Path description) {
            context.removeMessages(description.toFile());
        }

        @Override
        public void problem(Path description, SpecException error) {
            String where = error.path().isEmpty() ? "" : error.path() + ": ";
            context.addMessage(description.toFile(), error.line(), error.column(),
                    where + error.problem(), BuildContext.SEVERITY_ERROR, null);
        }

        @Override
        public void changed(Path file) {
            context.refresh(file.toFile());
        }
    }
}
