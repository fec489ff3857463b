package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.description.SpecNode.ScalarNode.Kind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final SpecPosition AT = new SpecPosition("n.yaml", 1, 1);

    @Test
    void quoteEscapesInvisibleCharactersAndCutsLongText() {
        assertEquals("'a\\u000Ab'", Messages.quote("a\nb"));
        assertEquals("'x\\u200By'", Messages.quote("x\u200by"));
        assertEquals("'caf\u00e9 \ud83d\ude00'", Messages.quote("caf\u00e9 \ud83d\ude00"));
        assertEquals("'" + "a".repeat(60) + "...'", Messages.quote("a".repeat(100)));
    }

    @Test
    void describesNodes() {
        assertEquals("a list", Messages.describe(new SpecNode.ListNode(AT, List.of())));
        assertEquals("string 'x'", Messages.describe(scalar(Kind.STRING, "x")));
        assertEquals("an empty string", Messages.describe(scalar(Kind.STRING, "")));
        assertEquals("2.5", Messages.describe(scalar(Kind.DECIMAL, "2.5")));
        assertEquals("boolean yes", Messages.describe(scalar(Kind.TRUE, "yes")));
        assertEquals("an empty value", Messages.describe(scalar(Kind.NULL, "~")));
    }

    private static SpecNode.ScalarNode scalar(Kind kind, String text) {
        return new SpecNode.ScalarNode(AT, kind, text, BigInteger.ZERO, 0);
    }

    @Test
    void countsAndPaths() {
        assertEquals("65,536", Messages.count(65_536));
        assertEquals("1 row", Messages.plural(1, "row"));
        assertEquals("0 rows", Messages.plural(0, "row"));
        assertEquals("layers[1].activation",
                Messages.child(Messages.item("layers", 1), "activation"));
        assertEquals("at top level", Messages.where(""));
        assertEquals("in data.train", Messages.where("data.train"));
    }
}
