package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsOverItselfAndErasesItself() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), true);

        bar.show("epoch 1", 15, 30);
        bar.show("epoch 1", 30, 30);
        bar.clear();

        String half = "epoch 1 [" + "#".repeat(15) + ".".repeat(15) + "]  50%";
        String full = "epoch 1 [" + "#".repeat(30) + "] 100%";
        assertEquals("\r" + half + "\r" + full + "\r" + " ".repeat(full.length()) + "\r",
                out.toString());
    }

    @Test
    void drawsNothingWhenDisabled() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), false);

        bar.show("epoch 1", 1, 2);
        bar.clear();

        assertEquals("", out.toString());
    }
}
