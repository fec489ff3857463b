package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.runtime.Network;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Selects and guards on NaN, signed zeros and infinities behave as in Java source, in both
 * backends: javac's choice of FCMPL or FCMPG is what makes every comparison with NaN false.
 */
class NanComparisonTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final List<double[]> PAIRS = List.of(
            new double[] {NAN, 1}, new double[] {1, NAN}, new double[] {NAN, NAN},
            new double[] {1, 2}, new double[] {2, 1}, new double[] {3, 3},
            new double[] {0.0, -0.0}, new double[] {-INF, INF}, new double[] {INF, NAN});

    static Stream<Arguments> cases() {
        return Stream.of(Backend.values()).flatMap(backend -> Stream.of(false, true)
                .flatMap(precision -> PAIRS.stream()
                        .map(pair -> Arguments.of(backend, precision, pair[0], pair[1]))));
    }

    @ParameterizedTest(name = "{0} double={1} a={2} b={3}")
    @MethodSource("cases")
    void comparisonsMatchJavaSource(Backend backend, boolean doublePrecision, double a,
                                    double b) {
        Network net = LoadedClasses.instantiate(backend, EveryConstruct.of(doublePrecision));
        double[] y = new double[EveryConstruct.OUTPUTS];
        net.predict(new double[] {a, b, 0.5}, y);
        double[] expected = EveryConstruct.expectedComparisons(a, b, doublePrecision);
        assertEquals(Arrays.toString(expected), Arrays.toString(Arrays.copyOf(y, 7)));
    }
}
