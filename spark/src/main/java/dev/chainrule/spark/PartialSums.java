package dev.chainrule.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Partitions' gradient sums: the text a barrier task sends to the others
 * ({@code BarrierTaskContext.allGather} exchanges strings), and their total added in partition
 * order, so it is the same bit for bit whatever order tasks finish in and on every task.
 *
 * <pre>{@code
 * String message = PartialSums.encode(new Partial(partition, loss, sums), floats);
 * Partial total = PartialSums.inOrder(PartialSums.decodeAll(context.allGather(message), shapes), -1);
 * }</pre>
 */
final class PartialSums {

    private PartialSums() {
    }

    /** One partition's loss and gradient sum ({@code null} gradient: held none of the rows). */
    record Partial(int partition, double lossSum, double[][] gradientSum)
            implements java.io.Serializable {
    }

    /**
     * {@code partial} as Base64 text: partition, loss, then every gradient value, as floats when
     * {@code floats} (a single-precision network's sums are floats: nothing is lost) or doubles.
     */
    static String encode(Partial partial, boolean floats) {
        double[][] sums = partial.gradientSum();
        int values = 0;
        if (sums != null) {
            for (double[] s : sums) {
                values += s.length;
            }
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 + 8 + 1 + values * (floats ? 4 : 8));
        bytes.putInt(partial.partition()).putDouble(partial.lossSum())
                .put((byte) (sums == null ? 0 : floats ? 4 : 8));
        if (sums != null) {
            for (double[] s : sums) {
                for (double v : s) {
                    if (floats) {
                        bytes.putFloat((float) v);
                    } else {
                        bytes.putDouble(v);
                    }
                }
            }
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** The partials of {@code messages}; {@code sizes} is every parameter's length. */
    static List<Partial> decodeAll(String[] messages, int[] sizes) {
        List<Partial> partials = new ArrayList<>(messages.length);
        for (String message : messages) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(message));
            int partition = bytes.getInt();
            double loss = bytes.getDouble();
            int width = bytes.get();
            double[][] sums = null;
            if (width != 0) {
                sums = new double[sizes.length][];
                for (int p = 0; p < sizes.length; p++) {
                    double[] s = new double[sizes[p]];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = width == 4 ? bytes.getFloat() : bytes.getDouble();
                    }
                    sums[p] = s;
                }
            }
            partials.add(new Partial(partition, loss, sums));
        }
        return partials;
    }

    /** Adds {@code partials} in partition order; the result is labeled {@code label}. */
    static Partial inOrder(List<Partial> partials, int label) {
        List<Partial> sorted = new ArrayList<>(partials);
        sorted.sort(Comparator.comparingInt(Partial::partition));
        double loss = 0;
        double[][] sum = null;
        for (Partial partial : sorted) {
            loss += partial.lossSum();
            sum = add(sum, partial.gradientSum());
        }
        return new Partial(label, loss, sum);
    }

    /** {@code sum + more} element by element, into {@code sum}; {@code null} is zeros. */
    static double[][] add(double[][] sum, double[][] more) {
        if (more == null) {
            return sum;
        }
        if (sum == null) {
            double[][] copy = new double[more.length][];
            for (int p = 0; p < more.length; p++) {
                copy[p] = more[p].clone();
            }
            return copy;
        }
        for (int p = 0; p < sum.length; p++) {
            double[] s = sum[p];
            double[] m = more[p];
            for (int i = 0; i < s.length; i++) {
                s[i] += m[i];
            }
        }
        return sum;
    }
}
