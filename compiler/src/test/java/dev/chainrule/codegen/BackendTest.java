package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.Network;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BackendTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void loadsIntoAFreshLoaderUnderTheRuntimes(Backend backend) {
        LoweredClass lowered = LinearModel.of(true);
        Class<? extends Network> first = backend.load(lowered);
        Class<? extends Network> second = backend.load(lowered);
        assertEquals("test.nets.LinearDouble", first.getName());
        assertSame(GeneratedNetwork.class, first.getSuperclass());
        assertSame(GeneratedNetwork.class.getClassLoader(), first.getClassLoader().getParent());
        assertNotSame(first, second);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void instantiatesThroughTheConstructorProtocol(Backend backend) {
        Network net = backend.instantiate(LinearModel.of(false));
        assertEquals("linear", net.name());
        assertEquals(2, net.inputSize());
        assertEquals(1, net.outputSize());
        assertEquals(false, net.doublePrecision());
        assertArrayEquals(new String[] {"fc.weight", "fc.bias"}, net.parameterNames());
        assertArrayEquals(new int[] {1, 2}, net.parameterShape("fc.weight"));
        assertArrayEquals(new double[] {0, 0}, net.getParameter("fc.weight"));
    }

    @Test
    void loaderDefinesOnlyTheClassesItWasGiven() {
        GeneratedClassLoader loader = new GeneratedClassLoader(Map.of());
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("test.nets.Missing"));
    }
}
