package dev.chainrule.tests.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What an app that embeds Chainrule ships: Java 8 class files and one small jar. */
class EmbeddedArtifactsTest {

    /**
     * The runtime stays small: {@code 47,810} bytes when this was written, 147,432 after the
     * atomic output writer, strict checkpoint fields, described training settings and the
     * Vector API kernel provider (2026-12-07).
     */
    static final long RUNTIME_JAR_BUDGET = 160 * 1024;

    /**
     * The Panama kernels, compiled for 17 and loaded by name only where
     * {@code jdk.incubator.vector} is present (a Java 8 JVM never loads them).
     */
    static final String JAVA_17_PACKAGE = "dev/chainrule/runtime/simd/";

    @Test
    void everyRuntimeAndGeneratedClassIsJava8() throws Exception {
        List<String> unexpected = new ArrayList<>();
        int checked = 0;
        int simd = 0;
        for (Path artifact : List.of(Artifacts.runtime(), Artifacts.samples())) {
            for (Artifacts.ClassFile c : Artifacts.classFiles(artifact)) {
                checked++;
                boolean vectorKernels = c.name().replace('\\', '/').startsWith(JAVA_17_PACKAGE);
                simd += vectorKernels ? 1 : 0;
                if (c.majorVersion() != (vectorKernels ? 61 : 52)) {
                    unexpected.add(artifact.getFileName() + "!" + c.name() + ": "
                            + c.majorVersion());
                }
            }
        }
        assertTrue(checked > 10, "found only " + checked + " classes");
        assertEquals(2, simd, "classes in " + JAVA_17_PACKAGE); // the batch and conv kernels
        assertEquals(List.of(), unexpected);
    }

    @Test
    void theSamplesHoldTheGeneratedTrainersAndNothingOfTheCompiler() throws Exception {
        List<String> names = Artifacts.classFiles(Artifacts.samples()).stream()
                .map(Artifacts.ClassFile::name).toList();
        for (String trainer : List.of("Iris", "Digits", "Mnist", "Xor", "Sigmoid232",
                "WorkedExample")) {
            assertTrue(names.contains("dev/chainrule/samples/" + trainer + ".class"), trainer);
        }
        assertEquals(List.of(), names.stream()
                .filter(n -> !n.startsWith("dev/chainrule/samples/")).toList());
    }

    @Test
    void theRuntimeDependsOnNothing() throws Exception {
        Document runtime = read(Artifacts.root().resolve("runtime/pom.xml"));
        for (Element dependency : children(runtime.getDocumentElement(), "dependencies",
                "dependency")) {
            assertEquals("test", text(dependency, "scope"), text(dependency, "artifactId"));
        }
        Document parent = read(Artifacts.root().resolve("pom.xml"));
        assertEquals(List.of(), children(parent.getDocumentElement(), "dependencies",
                "dependency"), "the parent gives every module these dependencies");
    }

    @Test
    void theRuntimeJarIsSmall() throws Exception {
        Path runtime = Artifacts.runtime();
        if (Files.isRegularFile(runtime)) {
            long size = Files.size(runtime);
            System.out.println("chainrule-runtime jar: " + size + " bytes");
            assertTrue(size < RUNTIME_JAR_BUDGET, size + " bytes");
        } else {
            assertFalse(Artifacts.classFiles(runtime).isEmpty(), "no runtime classes");
        }
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** Elements at {@code path} below {@code parent}, following direct children only. */
    private static List<Element> children(Element parent, String... path) {
        List<Element> level = List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : level) {
                NodeList nodes = element.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    Node node = nodes.item(i);
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    private static String text(Element element, String child) {
        List<Element> found = children(element, child);
        return found.isEmpty() ? "compile" : found.get(0).getTextContent().trim();
    }
}
