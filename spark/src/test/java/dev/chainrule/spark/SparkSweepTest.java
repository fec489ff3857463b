package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code chainrule sweep} on local threads and on a local Spark: the same table. */
class SparkSweepTest {

    @TempDir
    Path dir;

    private String sweep(Path csv, String... extra) {
        LocalSpark.session();   // --spark reuses the running test session
        String[] common = {"sweep", LocalSpark.samples().resolve("iris.yaml").toString(),
                "--set", "training.learning_rate=0.1,0.03,0.01",
                "--set", "layers[0].units=4,8",
                "--set", "layers[0].activation=tanh,relu",
                "--set", "training.epochs=10",
                "--results", csv.toString(), "--quiet"};  // the tables alone are compared
        String[] args = new String[common.length + extra.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(args));
        return out.toString();
    }

    @Test
    void twelveCombinationsGiveTheSameTableOnThreadsAndOnSpark() throws Exception {
        Path local = dir.resolve("local.csv");
        Path spark = dir.resolve("spark.csv");
        String onThreads = sweep(local, "--threads", "2");
        String onSpark = sweep(spark, "--spark", "local[2]");

        assertEquals(13, onThreads.split("\n").length, onThreads);
        assertEquals(onThreads, onSpark);
        assertEquals(Files.readString(local), Files.readString(spark));
    }
}
