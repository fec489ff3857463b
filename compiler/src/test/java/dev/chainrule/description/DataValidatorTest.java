package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.MINIMAL;
import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataValidatorTest {

    private static DataSpec data(String lines) {
        return parseYaml(MINIMAL + "data:\n" + lines).data();
    }

    @Test
    void csvPathsAreResolvedAndNormalized() {
        assertEquals(new DataSpec(new DataSource.Csv(Path.of("/work/data/train.csv")),
                new DataSource.Csv(Path.of("/tmp/test.csv"))),
                data("  train: ../data/./train.csv\n  test: /tmp/test.csv\n"));
    }

    @Test
    void idxPairs() {
        assertEquals(new DataSpec(null, new DataSource.Idx(Path.of("/work/nets/i.idx"),
                Path.of("/work/nets/l.idx"))), data("  test: {images: i.idx, labels: l.idx}\n"));
    }

    @Test
    void noDataSetsMeansNoData() {
        assertEquals(null, parseYaml(MINIMAL + "data: {}\n").data());
        assertEquals(null, parseYaml(MINIMAL + "data: {train: ~}\n").data());
    }

    @Test
    void idxNeedsBothFiles() {
        assertYamlError(MINIMAL + "data:\n  train: {images: i.idx}\n",
                "net.yaml:10:10: data.train: missing required key 'labels'");
        assertYamlError(MINIMAL + "data:\n  train: {images: i.idx, label: l.idx}\n",
                "net.yaml:10:26: unknown key 'label' in data.train (did you mean 'labels'?)");
    }

    @Test
    void wrongShapes() {
        assertYamlError(MINIMAL + "data:\n  train: [a.csv, b.csv]\n", "net.yaml:10:10:"
                + " data.train: expected a CSV file path or a mapping with images and labels"
                + " (IDX files), got a list");
        assertYamlError(MINIMAL + "data:\n  train: ''\n",
                "net.yaml:10:10: data.train: expected a file path, got an empty string");
        assertYamlError(MINIMAL + "data:\n  validation: v.csv\n", "net.yaml:10:3: unknown key"
                + " 'validation' in data (expected one of train, test)");
        assertYamlError(MINIMAL + "data: train.csv\n", "net.yaml:9:7: data: expected a mapping"
                + " with train and test, got string 'train.csv'");
    }

    @Test
    void pathWithAnImpossibleCharacter() {
        assertYamlError(MINIMAL + "data:\n  train: \"a\\0b.csv\"\n",
                "net.yaml:10:10: data.train: 'a\\u0000b.csv' is not a valid file path");
    }
}
