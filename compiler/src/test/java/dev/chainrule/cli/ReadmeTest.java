package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.description.TrainingSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What README.md states that the code can check: it cannot drift from the code. */
class ReadmeTest {

    static final Path README = Path.of("../README.md");

    static String readme() throws IOException {
        return Files.readString(README);
    }

    @Test
    void trainingTableListsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> table = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ([^|]+) \\|").matcher(readme());
        while (row.find()) {
            table.put(row.group(1), row.group(2).strip());
        }
        TrainingSpec d = TrainingSpec.DEFAULTS;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("learning_rate", String.valueOf(d.learningRate()));
        expected.put("batch_size", String.valueOf(d.batchSize()));
        expected.put("epochs", String.valueOf(d.epochs()));
        expected.put("shuffle", String.valueOf(d.shuffle()));
        expected.put("seed", String.valueOf(d.seed()));
        expected.put("optimizer", d.optimizer().type().spelling());
        expected.put("schedule", d.schedule().type().spelling());
        expected.put("gradient_clip", d.gradientClip() == 0 ? "none" : "?");
        expected.put("validation_split", d.validationSplit() == 0 ? "none" : "?");
        expected.put("early_stopping", d.earlyStopping() == null ? "none" : "?");
        assertEquals(List.copyOf(expected.keySet()), TrainingSpec.keys());
        assertEquals(expected, table);
    }

    /** The README's {@code ./chainrule CMD ...} lines, continuations joined, by command. */
    static Map<String, Set<String>> synopsisOptions() throws IOException {
        String text = readme();
        int section = text.indexOf("## The CLI");
        int start = text.indexOf("```sh\n", section);
        String block = text.substring(start + 6, text.indexOf("```", start + 6));
        Map<String, Set<String>> options = new TreeMap<>();
        for (String command : block.replace("\\\n", " ").split("\n")) {
            String[] words = command.replaceAll("#.*", "").strip().split("\\s+");
            Set<String> names = options.computeIfAbsent(words[1], k -> new TreeSet<>());
            Matcher option = Pattern.compile("(?<![\\w-])(--\\[no-\\][a-z-]+|--[a-z-]+|-[a-z])")
                    .matcher(command.replaceAll("#.*", ""));
            while (option.find()) {
                names.add(option.group(1).replace("[no-]", ""));
            }
        }
        return options;
    }

    @Test
    void synopsisNamesEveryOptionOfEveryCommandAndNoOther() throws IOException {
        Map<String, Set<String>> readme = synopsisOptions();
        CommandLine main = Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertEquals(new TreeSet<>(main.getSubcommands().keySet()), readme.keySet());
        Set<String> everywhere = Set.of("--help", "-h", "--version", "-V", "--debug",
                "--quiet", "-q");
        main.getSubcommands().forEach((name, command) -> {
            Set<String> documented = readme.get(name);
            Set<String> known = new TreeSet<>();
            for (OptionSpec option : command.getCommandSpec().options()) {
                List<String> names = List.of(option.names());
                known.addAll(names);
                if (names.stream().noneMatch(everywhere::contains)) {
                    assertTrue(names.stream().anyMatch(documented::contains),
                            name + ": README's synopsis lacks " + names);
                }
            }
            for (String option : documented) {
                assertTrue(known.contains(option), name + ": README names " + option
                        + ", which the command does not have");
            }
        });
    }

    @Test
    void exitStatusesAreTheHelpFooter() throws IOException {
        assertTrue(readme().contains("\n" + Main.EXIT_STATUSES + "\n"), Main.EXIT_STATUSES);
        // picocli wraps the footer at the terminal width
        assertTrue(Cli.run("--help").assertOk().out().replaceAll("\\s+", " ")
                .contains(Main.EXIT_STATUSES));
    }

    /**
     * The consumer snippet pins the plugins an old Maven defaults to (3.8.7 takes compiler 3.1
     * and surefire 2.12.4, too old for the generated sources' tests): the versions this build
     * uses itself.
     */
    @Test
    void mavenSnippetPinsThePluginVersionsOfThisBuild() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        String readme = readme();
        String snippet = readme.substring(readme.indexOf("## Generating trainers in a Maven build"),
                readme.indexOf("## Embedding a generated trainer"));
        for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin")) {
            Matcher version = Pattern.compile("<artifactId>" + plugin
                    + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            assertTrue(version.find(), plugin + " in pom.xml");
            assertTrue(snippet.contains("<artifactId>" + plugin + "</artifactId>\n"
                    + "      <version>" + version.group(1) + "</version>"), plugin + " "
                    + version.group(1) + " in README.md");
        }
    }
}
