package dev.chainrule.cli;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Evaluation;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Numbers;
import dev.chainrule.runtime.Training;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code train --report run.html}: one self-contained HTML page (inline CSS and SVG, no scripts,
 * fonts or other files) with the loss curves (train, validation, test), accuracy and learning
 * rate per epoch, a confusion matrix for classifiers, the network summary, timings and the
 * command line. Built from the runtime's {@link Network} and {@link EpochResult}s only, so it
 * serves every kind of description.
 */
final class HtmlReport {

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c"};
    private static final int WIDTH = 460;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    /** Up to this many epochs each gets a marker; more would clutter the line. */
    static final int MARKER_LIMIT = 30;

    private HtmlReport() {}

    /**
     * @param evaluated the data set the confusion matrix is computed on (test, else training)
     * @param nanos wall time of the whole run
     */
    static String render(Training training, Network net, List<EpochResult> history,
                         Dataset evaluated, long nanos, String commandLine) {
        StringBuilder h = new StringBuilder(head(net.name() + " — training report"));
        h.append("<h1>Training report: ").append(escape(net.name())).append("</h1>\n");
        h.append("<p>Command: <code>").append(escape(commandLine)).append("</code></p>\n");
        h.append(finalFigures(history));
        h.append("<div class=\"charts\">\n");
        h.append(chart("Loss per epoch", history, new String[] {"train", "validation", "test"},
                List.of(EpochResult::meanLoss, EpochResult::validationLoss,
                        EpochResult::testLoss), false));
        if (net.classifier()) {
            h.append(chart("Accuracy per epoch", history,
                    new String[] {"train", "validation", "test"},
                    List.of(EpochResult::trainAccuracy, EpochResult::validationAccuracy,
                            EpochResult::testAccuracy), true));
        }
        if (history.stream().mapToDouble(EpochResult::learningRate).distinct().count() > 1) {
            h.append(chart("Learning rate per epoch", history, new String[] {"learning rate"},
                    List.of(EpochResult::learningRate), false));
        }
        h.append("</div>\n");
        if (net.classifier() && evaluated.size() > 0) {
            h.append(confusion(net, evaluated));
        }
        h.append(summary(net, training));
        h.append(timings(history, nanos));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The command line a report shows, as the user typed it. */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        return "chainrule " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs());
    }

    /** The last epoch's figures in one line, before the charts: what a reader looks for. */
    static String finalFigures(List<EpochResult> history) {
        if (history.isEmpty()) {
            return "";
        }
        EpochResult last = history.get(history.size() - 1);
        StringBuilder s = new StringBuilder("<p class=\"final\">After epoch ")
                .append(last.epoch()).append(": loss <b>").append(Numbers.readable(last.meanLoss()))
                .append("</b>");
        figure(s, "training accuracy", last.trainAccuracy(), true);
        figure(s, "validation loss", last.validationLoss(), false);
        figure(s, "validation accuracy", last.validationAccuracy(), true);
        figure(s, "test loss", last.testLoss(), false);
        figure(s, "test accuracy", last.testAccuracy(), true);
        return s.append(".</p>\n").toString();
    }

    private static void figure(StringBuilder s, String name, double value, boolean percent) {
        if (!Double.isNaN(value)) {
            s.append(", ").append(name).append(" <b>").append(percent
                    ? String.format(Locale.ROOT, "%.2f%%", 100 * value)
                    : Numbers.readable(value)).append("</b>");
        }
    }

    /** The page up to its body: title, and the inline style every report shares. */
    static String head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\"><title>").append(escape(title)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:24px;color:#222;background:#fff}")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:16px}")
                .append(".chart{border:1px solid #ddd;padding:8px}")
                .append("table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f2f2f2}code{background:#f4f4f4;padding:2px 4px}")
                .append("</style></head><body>\n").toString();
    }

    /**
     * {@code evaluate --report}: the figures of trained weights on one data set, and for a
     * classifier its confusion matrix.
     */
    static String renderEvaluation(Network net, Dataset data, double loss, double accuracy,
                                   String commandLine) {
        StringBuilder h = new StringBuilder(head(net.name() + " — evaluation report"));
        h.append("<h1>Evaluation report: ").append(escape(net.name())).append("</h1>\n");
        h.append("<p>Command: <code>").append(escape(commandLine)).append("</code></p>\n");
        h.append("<p>").append(escape(data.source())).append(", ").append(data.size())
                .append(" rows: loss <b>").append(Numbers.readable(loss))
                .append("</b>");
        if (net.classifier()) {
            h.append(String.format(Locale.ROOT, ", accuracy <b>%.2f%%</b>", 100 * accuracy));
        }
        h.append(".</p>\n");
        if (net.classifier() && data.size() > 0) {
            h.append(confusion(net, data));
        }
        return h.append("</body></html>\n").toString();
    }

    /** A line chart with axes, ticks and a legend; NaN points (absent series) are left out. */
    static String chart(String title, List<EpochResult> history, String[] names,
                        List<ToDoubleFunction<EpochResult>> series, boolean percent) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ToDoubleFunction<EpochResult> f : series) {
            for (EpochResult r : history) {
                double v = f.applyAsDouble(r);
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        StringBuilder s = new StringBuilder("<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT + 40)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        s.append(text(WIDTH / 2.0, 14, title, "middle", 14, "bold"));
        if (min > max) {
            return s.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle", 12, "normal"))
                    .append("</svg></div>\n").toString();
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = Math.max(Math.abs(max) * 0.05, 1e-9);
            min -= pad;
            max += pad;
        }
        int epochs = history.size();
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        double y0 = HEIGHT + 40 - BOTTOM;
        double y1 = TOP + 40;
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                + " height=\"%.1f\" fill=\"#fafafa\" stroke=\"#999\"/>", x0, y1, x1 - x0, y0 - y1));
        NiceTicks values = NiceTicks.of(min, max, 4);
        min = values.first();
        max = values.last();
        for (int k = 0; k <= values.steps(); k++) {
            double v = values.tick(k);
            double y = y0 - (y0 - y1) * (v - min) / (max - min);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\""
                    + " y2=\"%.1f\" stroke=\"#e0e0e0\"/>", x0, y, x1, y));
            s.append(text(x0 - 6, y + 4, percent ? Numbers.readable(100 * v) + "%"
                    : Numbers.readable(v), "end", 11, "normal"));
        }
        // epochs at round numbers too: 1, 2, 3 ... or every 5, 10, 50 ...
        double epochStep = epochs < 2 ? 1 : NiceTicks.niceStep(Math.max(1, epochs / 6.0));
        for (int e = 1; e <= epochs; e++) {
            int epoch = history.get(e - 1).epoch();
            if (epoch % (long) epochStep == 0 || epochStep == 1) {
                s.append(text(xOf(e, epochs, x0, x1), y0 + 16, Integer.toString(epoch),
                        "middle", 11, "normal"));
            }
        }
        s.append(text((x0 + x1) / 2, y0 + 32, "epoch", "middle", 11, "normal"));
        double legendX = x0 + 8;
        for (int k = 0; k < series.size(); k++) {
            List<String> points = new ArrayList<>();
            for (int e = 1; e <= epochs; e++) {
                double v = series.get(k).applyAsDouble(history.get(e - 1));
                if (Double.isFinite(v)) {
                    double y = y0 - (y0 - y1) * (v - min) / (max - min);
                    points.add(String.format(Locale.ROOT, "%.1f,%.1f", xOf(e, epochs, x0, x1), y));
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            String color = COLORS[k % COLORS.length];
            s.append("<polyline fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\" points=\"").append(String.join(" ", points))
                    .append("\"/>");
            for (String point : epochs <= MARKER_LIMIT ? points : List.<String>of()) {
                String[] xy = point.split(",");
                s.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1])
                        .append("\" r=\"2.5\" fill=\"").append(color).append("\"/>");
            }
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\""
                    + " height=\"3\" fill=\"%s\"/>", legendX, y1 - 12.0, color));
            s.append(text(legendX + 16, y1 - 8, names[k], "start", 11, "normal"));
            legendX += 24 + 7 * names[k].length();
        }
        return s.append("</svg></div>\n").toString();
    }

    private static double xOf(int epoch, int epochs, double x0, double x1) {
        return epochs == 1 ? (x0 + x1) / 2 : x0 + 8 + (x1 - x0 - 16) * (epoch - 1) / (epochs - 1);
    }

    private static String text(double x, double y, String text, String anchor, int size,
                               String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\""
                + " font-size=\"%d\" font-weight=\"%s\" font-family=\"sans-serif\""
                + " fill=\"#222\">%s</text>", x, y, anchor, size, weight, escape(text));
    }

    /** Rows are true classes, columns predicted ones; cells shaded by their share of the row. */
    static String confusion(Network net, Dataset data) {
        int classes = net.outputSize();
        long[][] counts = Evaluation.confusion(net, data);
        StringBuilder s = new StringBuilder("<h2>Confusion matrix</h2>\n<p>")
                .append(escape(data.source())).append(", ").append(data.size())
                .append(" rows; rows are true classes, columns predicted ones.</p>\n<table><tr><th></th>");
        for (int c = 0; c < classes; c++) {
            s.append("<th>").append(c).append("</th>");
        }
        s.append("</tr>\n");
        for (int t = 0; t < classes; t++) {
            long rowTotal = Arrays.stream(counts[t]).sum();
            s.append("<tr><th>").append(t).append("</th>");
            for (int p = 0; p < classes; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                int shade = (int) Math.round(255 - 160 * share);
                String color = t == p
                        ? String.format(Locale.ROOT, "rgb(%d,%d,255)", shade, shade)
                        : String.format(Locale.ROOT, "rgb(255,%d,%d)", shade, shade);
                s.append("<td style=\"background:").append(counts[t][p] == 0 ? "#fff" : color)
                        .append("\">").append(counts[t][p]).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    private static String summary(Network net, Training training) {
        StringBuilder s = new StringBuilder("<h2>Network</h2>\n<p>").append(escape(net.name()))
                .append(": ").append(net.inputSize()).append(" inputs, ")
                .append(net.outputSize()).append(" outputs, ")
                .append(net.doublePrecision() ? "double" : "float").append(" precision")
                .append(net.classifier() ? ", classifier (softmax cross-entropy)" : "")
                .append(".</p>\n<table><tr><th>parameter</th><th>shape</th><th>values</th>")
                .append("<th>initializer</th></tr>\n");
        long total = 0;
        for (String name : net.parameterNames()) {
            int[] shape = net.parameterShape(name);
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            total += size;
            s.append("<tr><td style=\"text-align:left\">").append(escape(name))
                    .append("</td><td>").append(Arrays.toString(shape)).append("</td><td>")
                    .append(size).append("</td><td style=\"text-align:left\">")
                    .append(escape(net.initializer(name))).append("</td></tr>\n");
        }
        s.append("<tr><th style=\"text-align:left\">total</th><td></td><td>").append(total)
                .append("</td><td></td></tr>\n</table>\n");
        s.append("<p>Training: <code>").append(escape(training.toString())).append("</code></p>\n");
        return s.toString();
    }

    private static String timings(List<EpochResult> history, long nanos) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<h2>Timings</h2>\n<p>Whole run: %.2f s (compilation and data loading excluded)."
                        + "</p>\n<table><tr><th>epoch</th><th>learning rate</th><th>loss</th>"
                        + "<th>validation loss</th><th>test loss</th><th>epoch time</th>"
                        + "<th>samples/s</th></tr>\n", nanos / 1e9));
        for (EpochResult r : history) {
            s.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%s</td>"
                    + "<td>%s</td><td>%s</td><td>%.3f s</td><td>%,.0f</td></tr>\n", r.epoch(),
                    number(r.learningRate()), number(r.meanLoss()), number(r.validationLoss()),
                    number(r.testLoss()), r.elapsedNanos() / 1e9, r.samplesPerSecond()));
        }
        return s.append("</table>\n").toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
