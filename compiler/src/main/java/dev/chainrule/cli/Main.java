package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.runtime.DataException;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.Suggestions;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code chainrule} command: compiles network descriptions into Java trainers, and trains,
 * runs and checks them in process.
 *
 * <pre>
 * chainrule compile samples/iris.yaml -o generated/
 * chainrule train samples/mnist.yaml --epochs 5 --save-weights mnist.json
 * chainrule predict samples/iris.yaml --weights iris.json --data flowers.csv
 * chainrule gradcheck samples/iris.yaml
 * </pre>
 *
 * <p>Exit status: 0 on success, 1 when a gradient check fails, 2 for a problem with the input
 * (description, data, flags: one located line on stderr, such as
 * {@code net.yaml:7:17: layers[1].activation: unknown activation 'rleu' ...}), 3 when training
 * diverged, 70 for an internal error (its stack trace only with {@code --debug}).
 */
@Command(name = "chainrule",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Compiles neural-network descriptions into specialized Java trainers.",
        subcommands = {CompileCommand.class, TrainCommand.class, PredictCommand.class,
                EvaluateCommand.class,
                GradcheckCommand.class, BenchCommand.class, GradCommand.class,
                SweepCommand.class, ImportCommand.class, ExportCommand.class},
        footer = {"", Main.EXIT_STATUSES})
public final class Main implements Runnable {

    static final int EXIT_OK = 0;
    static final int EXIT_CHECK_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 70;

    /** The footer of {@code --help}; README.md quotes it (ReadmeTest checks). */
    static final String EXIT_STATUSES = "Exit status: 0 success, 1 gradient check failed,"
            + " 2 bad input, " + TrainCommand.EXIT_DIVERGED + " training diverged, "
            + EXIT_INTERNAL + " internal error.";

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error.")
    boolean debug;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit status. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("chainrule: out of memory (give Java more with -Xmx, e.g."
                    + " CHAINRULE_JAVA_OPTS=-Xmx4g)");
            return EXIT_INTERNAL;
        } catch (RuntimeException | Error e) {
            // picocli hands Exceptions to failed(); errors such as StackOverflowError end here.
            boolean debug = Arrays.asList(args).contains("--debug");
            err.println("chainrule: internal error: " + oneLine(String.valueOf(e))
                    + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return EXIT_INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line; tests give it writers that capture the output. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Main::badUsage);
        commandLine.setExecutionExceptionHandler(Main::failed);
        return commandLine;
    }

    @Override
    public void run() {
        List<String> commands = List.copyOf(spec.subcommands().keySet());
        throw new ParameterException(spec.commandLine(), "missing command: "
                + String.join(", ", commands.subList(0, commands.size() - 1)) + " or "
                + commands.get(commands.size() - 1));
    }

    /** A flag or argument picocli rejected: one line, no usage dump. */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String message = lowerFirst(e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (!command.getSubcommands().isEmpty() && !first.startsWith("-")) {
                message = "unknown command '" + first + "' (expected "
                        + String.join(", ", command.getSubcommands().keySet())
                        + didYouMean(first, command.getSubcommands().keySet()) + ")";
            } else if (first.startsWith("-")) {
                String option = first.contains("=") ? first.substring(0, first.indexOf('='))
                        : first;
                List<String> names = new java.util.ArrayList<>();
                command.getCommandSpec().options().forEach(o -> names.addAll(
                        Arrays.asList(o.names())));
                message = "unknown option '" + option + "'" + Suggestions.closest(option, names)
                        .map(s -> " (did you mean '" + s + "'?)").orElse("");
            }
        }
        command.getErr().println(name + ": " + oneLine(message) + " (see '" + name + " --help')");
        return EXIT_USAGE;
    }

    private static String didYouMean(String typed, java.util.Collection<String> known) {
        return Suggestions.closest(typed, known).map(s -> "; did you mean '" + s + "'?")
                .orElse("");
    }

    /** A command threw: user errors are one line with exit 2, anything else is internal. */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean debug = command.getCommandSpec().root().userObject() instanceof Main main
                && main.debug;
        if (e instanceof SpecException || e instanceof DataException || e instanceof UserError) {
            err.println(oneLine(e.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return EXIT_USAGE;
        }
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName() : e.getMessage();
        err.println("chainrule: internal error: " + oneLine(message)
                + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            e.printStackTrace(err);
        }
        return EXIT_INTERNAL;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static String lowerFirst(String message) {
        if (message == null || message.length() < 2 || !Character.isUpperCase(message.charAt(0))
                || Character.isUpperCase(message.charAt(1))) {
            return message;
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** {@code chainrule --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chainrule " + Chainrule.version()};
        }
    }
}
