package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpecExceptionTest {

    @Test
    void formatsFileLineColumnPathAndProblem() {
        SpecException error = SpecException.at(new SpecPosition("net.yaml", 7, 17),
                "layers[1].activation", "unknown activation 'rleu'");

        assertEquals("net.yaml:7:17: layers[1].activation: unknown activation 'rleu'",
                error.getMessage());
        assertEquals("net.yaml", error.file());
        assertEquals(7, error.line());
        assertEquals(17, error.column());
        assertEquals("layers[1].activation", error.path());
        assertEquals("unknown activation 'rleu'", error.problem());
    }

    @Test
    void leavesOutAnEmptyPathOrAMissingPosition() {
        assertEquals("net.yaml:3:3: unknown key 'x' in training", SpecException.at(
                new SpecPosition("net.yaml", 3, 3), "", "unknown key 'x' in training")
                .getMessage());
        assertEquals("net.yaml: file not found",
                SpecException.inFile("net.yaml", "file not found").getMessage());
    }

    @Test
    void staysOnOneLine() {
        assertEquals("n.yaml:1:1: a b  c", SpecException.at(new SpecPosition("n.yaml", 1, 1),
                "", "a\nb\r\tc").getMessage());
        assertEquals("n.yaml:1:1: in x y: a b", SpecException.at("n.yaml", 1, 1,
                "in x\u2028y", "a\u2029b").getMessage());
    }
}
