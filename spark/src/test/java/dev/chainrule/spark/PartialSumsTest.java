package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spark.PartialSums.Partial;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class PartialSumsTest {

    /** Values whose sum depends on the order of additions. */
    private static List<Partial> partials(int count) {
        SplittableRandom random = new SplittableRandom(3);
        List<Partial> partials = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            double[] values = new double[5];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble() * Math.pow(10, random.nextInt(-8, 8));
            }
            partials.add(new Partial(p, p * 0.1, p % 7 == 3 ? null : new double[][] {values}));
        }
        return partials;
    }

    private static JavaRDD<Partial> rdd(List<Partial> partials) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(
                LocalSpark.session().sparkContext());
        return sc.parallelize(partials, partials.size());
    }

    @Test
    void upToTheFanInTheDriverAddsInPartitionOrder() {
        List<Partial> partials = partials(PartialSums.FAN_IN);
        Partial total = PartialSums.total(rdd(partials));
        Partial expected = PartialSums.inOrder(partials, -1);
        assertArrayEquals(expected.gradientSum()[0], total.gradientSum()[0], 0.0);
        assertEquals(expected.lossSum(), total.lossSum(), 0.0);
    }

    @Test
    void beyondItGroupsOfConsecutivePartitionsAreAddedFirst() {
        List<Partial> partials = partials(40);   // width 3: groups {0,1,2}, {3,4,5}, ...
        List<Partial> groups = new ArrayList<>();
        for (int g = 0; g * 3 < 40; g++) {
            groups.add(PartialSums.inOrder(partials.subList(3 * g, Math.min(40, 3 * g + 3)), g));
        }
        Partial expected = PartialSums.inOrder(groups, -1);
        for (int run = 0; run < 2; run++) {
            Partial total = PartialSums.total(rdd(partials));
            assertArrayEquals(expected.gradientSum()[0], total.gradientSum()[0], 0.0);
            assertEquals(expected.lossSum(), total.lossSum(), 0.0);
        }
    }
}
