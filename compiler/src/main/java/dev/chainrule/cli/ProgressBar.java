package dev.chainrule.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar for a terminal, drawn over itself with carriage returns and erased
 * when done, so the lines printed after it stay clean:
 * <pre>
 * epoch 2/5 [##############..............]  48%
 * </pre>
 * Only for terminals: {@link #forTerminal} gives a bar that draws nothing when the output is a
 * pipe or a file, where carriage returns would only leave clutter.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean enabled;
    private int shownLength;

    ProgressBar(PrintWriter out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar on {@code out} that draws only when the process runs on a terminal. */
    static ProgressBar forTerminal(PrintWriter out) {
        return new ProgressBar(out, System.console() != null);
    }

    /** Draws the bar for {@code done} of {@code total} units. */
    void show(String label, long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        int percent = (int) (100 * Math.min(done, total) / total);
        String line = label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", percent);
        out.print('\r' + line + " ".repeat(Math.max(0, shownLength - line.length())));
        out.flush();
        shownLength = line.length();
    }

    /** Erases the bar, leaving the cursor at the start of the empty line. */
    void clear() {
        if (!enabled || shownLength == 0) {
            return;
        }
        out.print('\r' + " ".repeat(shownLength) + '\r');
        out.flush();
        shownLength = 0;
    }
}
