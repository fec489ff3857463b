package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --report}: the page is self-contained, holds every section, and renders in a
 * real browser: headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs)
 * takes a screenshot that must not be blank.
 */
class ReportTest {

    @TempDir
    Path dir;

    private Path report() throws IOException {
        Path description = dir.resolve("digits.yaml");
        Files.writeString(description, Files.readString(Cli.sample("digits.yaml"))
                .replace("data/", Cli.sample("data").toString() + "/")
                .replace("training:", """
                        training:
                          optimizer: {type: adam}
                          schedule: {type: cosine, t_max: 4}
                          validation_split: 0.2""").replace("learning_rate: 0.05",
                        "learning_rate: 0.005").replace("batch_size: 1", "batch_size: 32"));
        Path html = dir.resolve("run.html");
        Cli.run("train", description, "--epochs", 4, "--report", html).assertOk();
        return html;
    }

    @Test
    void isOneSelfContainedPageWithEverySection() throws IOException {
        String html = Files.readString(report(), StandardCharsets.UTF_8);
        for (String part : List.of("<svg", "Loss per epoch", "Accuracy per epoch",
                "Learning rate per epoch", "Confusion matrix", "Network", "Timings",
                "chainrule train ", "validation", "optimizer=adam")) {
            assertTrue(html.contains(part), part);
        }
        for (String external : List.of("<script", "<link", "src=", "href=", "url(", "@import",
                "@font-face")) {
            assertFalse(html.contains(external), external);
        }
    }

    @Test
    void finalFiguresComeFirstAndAConstantRateGetsNoChart() throws IOException {
        String html = Files.readString(report(), StandardCharsets.UTF_8);
        int headline = html.indexOf("<p class=\"final\">After epoch 4: loss <b>");
        assertTrue(headline > 0 && headline < html.indexOf("<svg"), "headline before the charts");
        assertTrue(html.matches("(?s).*<p class=\"final\">After epoch 4: loss <b>[0-9.e+-]+</b>,"
                + " training accuracy <b>\\d+\\.\\d\\d%</b>, validation loss <b>[0-9.e+-]+</b>,"
                + " validation accuracy <b>\\d+\\.\\d\\d%</b>.*"), "final figures");
        // four epochs: each has a marker on each curve
        assertTrue(html.contains("<circle "));

        Path xor = dir.resolve("xor.html");
        Cli.run("train", Cli.sample("xor.yaml"), "--epochs", 40, "--report", xor, "--quiet")
                .assertOk();
        String constant = Files.readString(xor, StandardCharsets.UTF_8);
        assertFalse(constant.contains("Learning rate per epoch"), "a constant rate: no chart");
        assertFalse(constant.contains("<circle "), "40 epochs: lines without markers");
        // epoch ticks at round numbers: every 10th of 40 epochs, not 1, 6, 11, ...
        for (String tick : List.of(">10</text>", ">20</text>", ">30</text>", ">40</text>")) {
            assertTrue(constant.contains(tick), tick);
        }
        assertFalse(constant.contains(">11</text>"));
    }

    @Test
    void rendersInHeadlessChromium() throws IOException, InterruptedException {
        String browser = browser();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (.ci/run installs"
                + " the Debian package 'chromium'); the report was not rendered");
        Path html = report();
        Path shot = dir.resolve("shot.png");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Process chromium = new ProcessBuilder(browser, "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + shot,
                "--window-size=1280,1400", html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.exists(shot), () -> "no screenshot; chromium said: " + log());
        BufferedImage image = ImageIO.read(shot.toFile());
        long inked = 0;
        long blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r < 230 || g < 230 || b < 230) {
                    inked++;
                }
                if (b > 150 && r < 80 && g > 90 && g < 150) { // the train curve's #1f77b4
                    blue++;
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(inked > pixels / 50, "not blank: " + inked + " of " + pixels + " inked");
        assertTrue(blue > 200, "the curves are drawn: " + blue + " curve pixels");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("chromium.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** chromium or chromium-browser on the PATH, or null. */
    private static String browser() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(
                    File.pathSeparator)) {
                if (Files.isExecutable(Path.of(directory, name))) {
                    return Path.of(directory, name).toString();
                }
            }
        }
        return null;
    }

    /** A conv description's report: its [K, C, kh, kw] and [K] params, totals, the matrix. */
    @Test
    void aConvNetworkGetsTheSameReport() throws IOException {
        Path html = dir.resolve("conv.html");
        Cli.run("train", ConvDigits.write(dir), "--report", html, "--quiet").assertOk();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        for (String part : List.of("ConvDigits: 64 inputs, 10 outputs, float precision,"
                        + " classifier", "conv.weight</td><td>[4, 1, 3, 3]</td><td>36</td>",
                "conv.bias</td><td>[4]</td><td>4</td>",
                "output.weight</td><td>[10, 64]</td><td>640</td>",
                // 36 + 4 + 640 + 10
                "total</th><td></td><td>690</td>", "Confusion matrix", "Accuracy per epoch",
                "<p class=\"final\">After epoch 2: loss <b>")) {
            assertTrue(page.contains(part), part);
        }
    }
}
