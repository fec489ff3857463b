package dev.chainrule.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Like {@code generate}, for networks only the tests use: descriptions in
 * {@code src/test/chainrule} become classes in the test sources.
 *
 * <pre>{@code
 * <execution>
 *   <goals><goal>generate-test</goal></goals>
 * </execution>
 * }</pre>
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES,
        threadSafe = true)
public final class GenerateTestMojo extends AbstractGenerateMojo {

    /** Directory searched for descriptions ({@code .yaml}, {@code .yml}, {@code .json}) and ONNX models ({@code .onnx}). */
    @Parameter(property = "chainrule.testSourceDirectory",
            defaultValue = "${project.basedir}/src/test/chainrule")
    private File sourceDirectory;

    /** Directory the generated Java sources go to; added as a test source root. */
    @Parameter(property = "chainrule.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/chainrule")
    private File outputDirectory;

    @Override
    File sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    void addSourceRoot(MavenProject project, String directory) {
        project.addTestCompileSourceRoot(directory);
    }
}
