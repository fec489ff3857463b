package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    /** Identity network on 2 values: predicts its input. */
    private static TinyNet identity() {
        TinyNet net = new TinyNet(2, 2, "out_in", true, true, "zeros");
        net.setParameter("fc.weight", new double[] {1, 0, 0, 1});
        return net;
    }

    @Test
    void accuracyCountsRowsWhosePredictedClassMatches() {
        Dataset data = new Dataset("toy", 2, 2,
                new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.5, 0.5}},
                new double[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}});
        // Row 2 is wrong; row 3 is a tie in the prediction, which goes to class 0: right.
        assertEquals(0.75, Evaluation.accuracy(identity(), data));
    }

    @Test
    void confusionCountsTrueAgainstPredictedClasses() {
        Dataset data = new Dataset("toy", 2, 2,
                new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.5, 0.5}, {0.1, 0.9}},
                new double[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}, {0, 1}});
        // true 0: rows 0 and 3 (a tie: predicted 0); true 1: rows 1 and 4 right, row 2 wrong
        long[][] counts = Evaluation.confusion(identity(), data);
        assertEquals(2, counts[0][0]);
        assertEquals(0, counts[0][1]);
        assertEquals(1, counts[1][0]);
        assertEquals(2, counts[1][1]);
    }

    @Test
    void meanLossAveragesPerRowLosses() {
        Dataset data = new Dataset("toy", 2, 2, new double[][] {{1, 0}, {0, 0}},
                new double[][] {{0, 0}, {0, 2}});
        // TinyNet's loss is 0.5 * squared error: rows give 0.5 and 2.
        assertEquals(1.25, Evaluation.meanLoss(identity(), data));
    }

    @Test
    void emptyDataGivesNaN() {
        Dataset empty = new Dataset("none", 2, 2, new double[0][], new double[0][]);
        assertTrue(Double.isNaN(Evaluation.accuracy(identity(), empty)));
        assertTrue(Double.isNaN(Evaluation.meanLoss(identity(), empty)));
    }

    @Test
    void argmaxPrefersTheLowestIndexOnTiesAndIgnoresNaN() {
        assertEquals(1, Evaluation.argmax(new double[] {1, 3, 3, 2}));
        assertEquals(0, Evaluation.argmax(new double[] {-1, -1}));
        assertEquals(1, Evaluation.argmax(new double[] {Double.NaN, -5, Double.NaN}));
    }

    @Test
    void rejectsDataOfTheWrongWidth() {
        Dataset wide = new Dataset("wide.csv", 3, 2, new double[][] {{1, 2, 3}},
                new double[][] {{1, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.accuracy(identity(), wide));
        assertEquals("wide.csv has 3 inputs and 2 targets per row, network 'tiny' expects 2 and 2",
                e.getMessage());
    }
}
