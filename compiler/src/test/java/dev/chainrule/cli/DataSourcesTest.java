package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.description.DataSource;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataSourcesTest {

    @Test
    void aFlagNamesACsvFileOrAnIdxPair() {
        assertEquals(new DataSource.Csv(Path.of("train.csv")),
                DataSources.parseFlag("--data", "train.csv"));
        assertEquals(new DataSource.Idx(Path.of("images.gz"), Path.of("labels.gz")),
                DataSources.parseFlag("--data", "images.gz, labels.gz"));
    }

    @Test
    void badFlags() {
        assertEquals("chainrule: --data: expected a CSV file or IMAGES,LABELS (two IDX files),"
                        + " got 'a,b,c'",
                assertThrows(UserError.class, () -> DataSources.parseFlag("--data", "a,b,c"))
                        .getMessage());
        assertEquals("chainrule: --test: expected a CSV file or IMAGES,LABELS (two IDX files),"
                        + " got 'a,'",
                assertThrows(UserError.class, () -> DataSources.parseFlag("--test", "a,"))
                        .getMessage());
    }

    @Test
    void theDescriptionsDataUnlessAFlagIsGiven() {
        NetworkSpec digits = SpecParser.parse(Cli.sample("digits.yaml"));

        Dataset train = DataSources.training(digits, null);
        Dataset test = DataSources.test(digits, null);
        Dataset flagged = DataSources.test(digits,
                Cli.sample("data/digits-train.csv").toString());

        assertEquals(1437, train.size());
        assertEquals(360, test.size());
        assertEquals(1437, flagged.size());
        assertEquals(10, train.targetWidth());
    }

    @Test
    void idxPairsFromTheDescription() {
        NetworkSpec mnist = SpecParser.parse(Cli.sample("mnist.yaml"));

        Dataset test = DataSources.test(mnist, null);

        assertEquals(2000, test.size());
        assertEquals(784, test.inputWidth());
    }

    @Test
    void noTestSetIsNull() {
        assertNull(DataSources.test(SpecParser.parse(Cli.sample("iris.yaml")), null));
    }

    @Test
    void filesBelowTheWorkingDirectoryAreShownRelative() {
        Path inside = Path.of("").toAbsolutePath().resolve("data/x.csv");

        assertEquals(new File("data/x.csv"), DataSources.file(inside));
        assertEquals(new File("/elsewhere/x.csv"), DataSources.file(Path.of("/elsewhere/x.csv")));
    }
}
