package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    @Test
    void helpListsTheCommands() {
        Cli.Result result = Cli.run("--help").assertOk();

        assertTrue(result.out().startsWith("Usage: chainrule "), result.out());
        for (String command : new String[] {"compile", "train", "predict", "gradcheck"}) {
            assertTrue(result.out().contains("\n  " + command + " "), result.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"compile", "train", "predict", "gradcheck"}) {
            Cli.Result result = Cli.run(command, "--help").assertOk();
            assertTrue(result.out().startsWith("Usage: chainrule " + command + " "),
                    result.out());
        }
    }

    @Test
    void version() {
        Cli.Result result = Cli.run("--version").assertOk();

        assertEquals("chainrule " + Chainrule.version() + "\n", result.out());
    }

    @Test
    void usageErrorsAreOneLine() {
        Cli.run().assertUserError(
                "chainrule: missing command: compile, train, predict, evaluate, gradcheck, bench,"
                        + " grad, sweep, import or export");
        Cli.run("frob").assertUserError(
                "chainrule: unknown command 'frob' (expected compile, train, predict, evaluate,"
                        + " gradcheck, bench, grad, sweep, import, export)");
        Cli.run("train", "x.yaml", "--bogus").assertUserError(
                "chainrule train: unknown option '--bogus' (see 'chainrule train --help')");
        Cli.run("train").assertUserError("chainrule train: missing required parameter: 'NET'");
    }

    @Test
    void typosGetASuggestion() {
        Cli.run("trian", "x.yaml").assertUserError(
                "chainrule: unknown command 'trian' (expected compile, train, predict, evaluate,"
                        + " gradcheck, bench, grad, sweep, import, export; did you mean 'train'?)"
                        + " (see 'chainrule --help')");
        Cli.run("train", "x.yaml", "--epoch", "3").assertUserError(
                "chainrule train: unknown option '--epoch' (did you mean '--epochs'?)"
                        + " (see 'chainrule train --help')");
        Cli.run("predict", "x.yaml", "--weights", "w.json", "--fromat=csv").assertUserError(
                "chainrule predict: unknown option '--fromat' (did you mean '--format'?)");
    }

    @Test
    void internalErrorsAreOneLineWithExit70() {
        Run run = runWithFailingCommand("boom");

        assertEquals(Main.EXIT_INTERNAL, run.status);
        assertEquals("chainrule: internal error: wires crossed (run with --debug for details)\n",
                run.err);
    }

    @Test
    void debugShowsTheStackTrace() {
        Run run = runWithFailingCommand("boom", "--debug");

        assertEquals(Main.EXIT_INTERNAL, run.status);
        assertTrue(run.err.startsWith("chainrule: internal error: wires crossed\n"), run.err);
        assertTrue(run.err.contains("java.lang.IllegalStateException: wires crossed"), run.err);
        assertTrue(run.err.contains("at dev.chainrule.cli.MainTest$Failing.call"), run.err);
    }

    @Test
    void oneLine() {
        assertEquals("a; b; c", Main.oneLine("a\nb\r\n  c\n"));
    }

    private record Run(int status, String err) {}

    private static Run runWithFailingCommand(String... args) {
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine commandLine = Main.commandLine(new PrintWriter(new StringWriter()), errWriter);
        commandLine.addSubcommand("boom", new Failing());
        commandLine.setErr(errWriter); // reaches the subcommand added after the first call
        int status = commandLine.execute(args);
        return new Run(status, err.toString().replace("\r\n", "\n"));
    }

    @Command(name = "boom")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("wires crossed");
        }
    }
}
