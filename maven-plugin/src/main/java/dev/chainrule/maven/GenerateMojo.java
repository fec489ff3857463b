package dev.chainrule.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates a Java trainer class for every network description in
 * {@code src/main/chainrule} and adds them to the main sources. The classes need only
 * {@code chainrule-runtime} at compile and run time, and compile for Java 8 or newer.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.chainrule</groupId>
 *   <artifactId>chainrule-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <executions>
 *     <execution>
 *       <goals><goal>generate</goal></goals>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 *
 * <p>Incremental: a description is compiled again only when its bytes, its baked weights (see
 * {@code weights} and {@code weightsDirectory}) or the plugin version changed; the class of a
 * deleted description is deleted. An invalid description
 * fails the build with a message like {@code src/main/chainrule/net.yaml:12:5: ...} and
 * leaves every generated file as it was.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractGenerateMojo {

    /** Directory searched for descriptions ({@code .yaml}, {@code .yml}, {@code .json}) and ONNX models ({@code .onnx}). */
    @Parameter(property = "chainrule.sourceDirectory",
            defaultValue = "${project.basedir}/src/main/chainrule")
    private File sourceDirectory;

    /** Directory the generated Java sources go to; added as a compile source root. */
    @Parameter(property = "chainrule.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/chainrule")
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
        project.addCompileSourceRoot(directory);
    }
}
