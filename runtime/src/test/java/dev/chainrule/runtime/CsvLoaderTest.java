package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {

    private static Dataset load(String text, int inputs, int outputs, boolean classIndex) {
        return CsvLoader.load(new StringReader(text), "train.csv", inputs, outputs, classIndex);
    }

    private static String error(String text, int inputs, int outputs, boolean classIndex) {
        return assertThrows(DataException.class, () -> load(text, inputs, outputs, classIndex))
                .getMessage();
    }

    @Test
    void readsInputsThenDenseTargets() {
        Dataset data = load("1,2,0.5\n-3e2, 4.25 ,1E-3\n", 2, 1, false);
        assertEquals("train.csv", data.source());
        assertEquals(2, data.size());
        assertArrayEquals(new double[] {-300, 4.25}, data.inputs()[1]);
        assertArrayEquals(new double[] {0.001}, data.targets()[1]);
    }

    @Test
    void skipsAHeaderAndTrailingBlankLinesAndHandlesCrlfAndByteOrderMark() {
        Dataset data = load("\uFEFFx1,x2,\"label\"\r\n1,2,1\r\n3,4,0\r\n\r\n  \n", 2, 2, true);
        assertEquals(2, data.size());
        assertArrayEquals(new double[] {1, 2}, data.inputs()[0]);
        assertArrayEquals(new double[] {0, 1}, data.targets()[0]);
        assertArrayEquals(new double[] {1, 0}, data.targets()[1]);
    }

    @Test
    void oneHotEncodesClassIndicesAndAcceptsDenseRowsToo() {
        Dataset data = load("5.1,3.5,2\n4.9,3.0,0.0\n6.0,2.2,0.2,0.3,0.5\n", 2, 3, true);
        assertArrayEquals(new double[] {0, 0, 1}, data.targets()[0]);
        assertArrayEquals(new double[] {1, 0, 0}, data.targets()[1]);
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, data.targets()[2]);
        assertEquals(2, data.label(0));
    }

    @Test
    void withOneOutputALastColumnIsATargetValueNotAClassIndex() {
        Dataset data = load("1,2,0.75\n", 2, 1, true);
        assertArrayEquals(new double[] {0.75}, data.targets()[0]);
    }

    @Test
    void loadInputsKeepsTheFirstColumnsAndIgnoresTheRest() {
        double[][] xs = CsvLoader.loadInputs(new StringReader(
                "a,b,species\n5.1,3.5,setosa\n4.9,3.0\n"), "new.csv", 2);
        assertEquals(2, xs.length);
        assertArrayEquals(new double[] {5.1, 3.5}, xs[0]);
        assertArrayEquals(new double[] {4.9, 3.0}, xs[1]);
    }

    @Test
    void reportsWhereAndWhatIsWrongInADenseRow() {
        assertDenseError("1,2,3\n4,5,abc\n", "train.csv:2:5: expected a number, got 'abc'");
        assertDenseError("1,2,3\n4, ,6\n", "train.csv:2:4: expected a number, got an empty value");
        assertDenseError("1,2,3\n4,5\n",
                "train.csv:2: row has 2 values, expected 3 (2 inputs + 1 target)");
        assertDenseError("1,2,3,\n",
                "train.csv:1: row has 4 values, expected 3 (2 inputs + 1 target)");
        assertDenseError("a,b,c\nd,e,f\n", "train.csv:2:1: expected a number, got 'd'");
    }

    @Test
    void acceptsOnlyPlainFiniteDecimals() {
        assertDenseError("1,NaN,3\n", "train.csv:1:3: value 'NaN' is not a finite number");
        assertDenseError("1,-Infinity,3\n",
                "train.csv:1:3: value '-Infinity' is not a finite number");
        assertDenseError("1,1e999,3\n", "train.csv:1:3: value '1e999' is not a finite number");
        // Double.parseDouble would take these; a CSV number should not.
        assertDenseError("1,0x10,3\n", "train.csv:1:3: expected a number, got '0x10'");
        assertDenseError("1,2d,3\n", "train.csv:1:3: expected a number, got '2d'");
        assertDenseError("1,1e,3\n", "train.csv:1:3: expected a number, got '1e'");
        assertDenseError("1,.,3\n", "train.csv:1:3: expected a number, got '.'");
        assertDenseError("1,\"2\",3\n", "train.csv:1:3: expected a number, got '\"2\"'");
        Dataset data = load("+1,.5,5.\n", 2, 1, false);
        assertArrayEquals(new double[] {1, 0.5}, data.inputs()[0]);
        assertArrayEquals(new double[] {5}, data.targets()[0]);
    }

    @Test
    void wholeNumbersReadExactlyWhicheverWayTheyAreParsed() {
        Dataset data = load("-0,-7,123456789\n1234567890,-999999999,007\n", 2, 1, false);
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(data.inputs()[0][0]));
        assertArrayEquals(new double[] {-7}, new double[] {data.inputs()[0][1]});
        assertArrayEquals(new double[] {123456789}, data.targets()[0]);
        assertArrayEquals(new double[] {1234567890, -999999999}, data.inputs()[1]);
        assertArrayEquals(new double[] {7}, data.targets()[1]);
    }

    @Test
    void reportsBlankAndEmptyFiles() {
        assertDenseError("1,2,3\n\n4,5,6\n",
                "train.csv:2: blank line between rows (blank lines may only end the file)");
        assertDenseError("", "train.csv: file is empty");
        assertDenseError("\n \n", "train.csv: file is empty");
        assertDenseError("a,b,c\n", "train.csv: no data rows after the header line");
    }

    @Test
    void widthErrorsOfferTheClassIndexFormWhenAllowed() {
        assertEquals("train.csv:1: row has 5 values, expected 7 (4 inputs + 3 targets)",
                error("1,2,3,4,2\n", 4, 3, false));
        assertEquals("train.csv:1: row has 6 values, expected 7 (4 inputs + 3 targets)"
                + " or 5 (4 inputs + class index)", error("1,2,3,4,5,6\n", 4, 3, true));
        assertEquals("train.csv:1: row has 3 values, expected 2 (1 input + 1 target)",
                error("1,2,3\n", 1, 1, true));
    }

    @Test
    void reportsBadClassIndices() {
        assertEquals("train.csv:3: class index 3 out of range 0..2",
                error("x,y,class\n1,2,0\n1,2,3\n", 2, 3, true));
        assertEquals("train.csv:1: class index -1 out of range 0..2",
                error("1,2,-1\n", 2, 3, true));
        assertEquals("train.csv:1:5: class index must be a whole number, got '1.5'",
                error("1,2,1.5\n", 2, 3, true));
        assertEquals("train.csv:1:5: expected a number, got 'one'", error("1,2,one\n", 2, 3, true));
    }

    private static void assertDenseError(String text, String message) {
        assertEquals(message, error(text, 2, 1, false));
    }

    @Test
    void loadInputsNeedsEnoughColumns() {
        DataException e = assertThrows(DataException.class, () -> CsvLoader.loadInputs(
                new StringReader("1,2,3\n4,5\n"), "new.csv", 3));
        assertEquals("new.csv:2: row has 2 values, expected at least 3 inputs", e.getMessage());
        DataException one = assertThrows(DataException.class, () -> CsvLoader.loadInputs(
                new StringReader("1,2,3\n,\n"), "new.csv", 1));
        assertEquals("new.csv:2:1: expected a number, got an empty value", one.getMessage());
    }

    @Test
    void quotesOnlyTheStartOfALongBadValue() {
        String junk = new String(new char[60]).replace('\0', 'z');
        assertEquals("train.csv:1:3: expected a number, got '"
                + junk.substring(0, 40) + "...'", error("1," + junk + ",3", 2, 1, false));
    }

    @Test
    void readsFilesAndNamesMissingOnes(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("iris.csv");
        Files.write(csv, "sepal,petal,species\n5.1,1.4,0\n7.0,4.7,1\n".getBytes(
                StandardCharsets.UTF_8));
        Dataset data = CsvLoader.load(csv.toFile(), 2, 2, true);
        assertEquals(csv.toString(), data.source());
        assertArrayEquals(new double[] {0, 1}, data.targets()[1]);
        assertArrayEquals(new double[] {7.0, 4.7}, CsvLoader.loadInputs(csv.toFile(), 2)[1]);

        DataException missing = assertThrows(DataException.class,
                () -> CsvLoader.load(new File("data.csv"), 2, 2, true));
        assertEquals("data.csv: file not found", missing.getMessage());
        DataException directory = assertThrows(DataException.class,
                () -> CsvLoader.loadInputs(dir.toFile(), 2));
        assertEquals(dir + ": is a directory, expected a file", directory.getMessage());
    }

    @Test
    void loadsEightThousandRowsOf784PixelValues() {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 8000; r++) {
            for (int c = 0; c < 784; c++) {
                text.append((r + c) % 256).append(',');
            }
            text.append(r % 10).append('\n');
        }
        Dataset data = load(text.toString(), 784, 10, true);
        assertEquals(8000, data.size());
        assertEquals((7999 + 783) % 256, data.inputs()[7999][783]);
        assertEquals(9, data.label(7999));
    }
}
