package dev.chainrule.graph.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every op kind has a derivative property test: each kind of {@link OpKinds} is named by a
 * {@link Covers} annotation on a property of the op property test classes. A new op or kind fails here until it has one.
 */
class OpCoverageTest {

    static final List<Class<?>> PROPERTY_CLASSES = List.of(ElementwiseOpPropertiesTest.class,
            StructuralOpPropertiesTest.class, ConvOpPropertiesTest.class);

    @Test
    void everyOpKindHasAPropertyTest() {
        Set<String> kinds = OpKinds.all();
        Set<String> covered = new TreeSet<>();
        for (Class<?> test : PROPERTY_CLASSES) {
            for (Method m : test.getDeclaredMethods()) {
                Covers c = m.getAnnotation(Covers.class);
                if (c != null && m.isAnnotationPresent(net.jqwik.api.Property.class)) {
                    covered.add(OpKinds.name(c.op(), c.kind()));
                }
            }
        }
        Set<String> missing = new TreeSet<>(kinds);
        missing.removeAll(covered);
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(kinds);
        assertEquals(Set.of(), missing, "op kinds without a property test");
        assertEquals(Set.of(), unknown, "@Covers naming no op kind");
    }
}
