package dev.chainrule.sweep;

import dev.chainrule.description.SpecOverrides.Setting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.UnaryOperator;

/**
 * A sweep's results, best first, as a text table and as CSV. The order: by test accuracy
 * (classifiers) or test loss with a test set, else by training loss; ties by trial number.
 *
 * <pre>
 * rank  trial  training.learning_rate  layers[0].units  train loss  test loss  test acc
 *    1      4  0.03                    64               0.061234    0.152345   95.10%
 * </pre>
 */
public final class SweepTable {

    private final List<String> keys;
    private final List<TrialResult> ranked;
    private final boolean classifier;
    private final boolean tested;

    /**
     * @param keys the swept keys, in {@code --set} order
     * @param classifier whether accuracies are measured
     * @param tested whether there was a test set
     */
    public SweepTable(List<String> keys, List<TrialResult> results, boolean classifier,
                      boolean tested) {
        this.keys = List.copyOf(keys);
        this.classifier = classifier;
        this.tested = tested;
        Comparator<TrialResult> metric = tested
                ? (classifier
                        ? Comparator.comparingDouble((TrialResult r) -> -orWorst(r.testAccuracy(),
                                -1))
                                .thenComparingDouble(r -> orWorst(r.testLoss(), 1))
                        : Comparator.comparingDouble(r -> orWorst(r.testLoss(), 1)))
                : Comparator.comparingDouble(r -> orWorst(r.trainLoss(), 1));
        List<TrialResult> sorted = new ArrayList<>(results);
        sorted.sort(metric.thenComparingInt(r -> r.trial().index()));
        this.ranked = List.copyOf(sorted);
    }

    /** NaN (a diverged run) sorts last: it becomes the worst value in the sort direction. */
    private static double orWorst(double value, int sign) {
        return Double.isNaN(value) ? sign * Double.MAX_VALUE : value;
    }

    /** Best first. */
    public List<TrialResult> ranked() {
        return ranked;
    }

    /** The text table, one line per trial, columns aligned. */
    public String format() {
        List<String[]> rows = new ArrayList<>();
        rows.add(header(false));
        for (int r = 0; r < ranked.size(); r++) {
            rows.add(row(r, value -> value, SweepTable::fixed, SweepTable::percent)
                    .toArray(String[]::new));
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean numeric = c < 2 || c >= 2 + keys.size();
                String cell = numeric ? " ".repeat(widths[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(widths[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** CSV with a header line; full-precision numbers, empty cells for unmeasured figures. */
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", header(true))).append('\n');
        for (int r = 0; r < ranked.size(); r++) {
            out.append(String.join(",", row(r, SweepTable::csvCell, SweepTable::exact,
                    SweepTable::exact))).append('\n');
        }
        return out.toString();
    }

    /** The cells of the trial ranked {@code r + 1}, in {@link #header}'s columns. */
    private List<String> row(int r, UnaryOperator<String> setting, DoubleFunction<String> loss,
                             DoubleFunction<String> accuracy) {
        TrialResult result = ranked.get(r);
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(r + 1));
        row.add(Integer.toString(result.trial().index() + 1)); // counted from 1, as epochs
        for (Setting s : result.trial().settings()) {
            row.add(setting.apply(s.value()));
        }
        row.add(result.isDiverged() ? DIVERGED : loss.apply(result.trainLoss()));
        if (classifier) {
            row.add(accuracy.apply(result.trainAccuracy()));
        }
        if (tested) {
            row.add(loss.apply(result.testLoss()));
            if (classifier) {
                row.add(accuracy.apply(result.testAccuracy()));
            }
        }
        return row;
    }

    private String[] header(boolean csv) {
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        for (String key : keys) {
            header.add(csv ? csvCell(key) : key);
        }
        header.add(csv ? "train_loss" : "train loss");
        if (classifier) {
            header.add(csv ? "train_accuracy" : "train acc");
        }
        if (tested) {
            header.add(csv ? "test_loss" : "test loss");
            if (classifier) {
                header.add(csv ? "test_accuracy" : "test acc");
            }
        }
        return header.toArray(String[]::new);
    }

    /** The training-loss cell of a trial whose training diverged; its other figures are empty. */
    static final String DIVERGED = "diverged";

    private static String fixed(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return dev.chainrule.runtime.Numbers.readable(value);
    }

    private static String percent(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    private static String exact(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static String csvCell(String text) {
        return text.contains(",") || text.contains("\"")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
