package dev.chainrule.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Partitions' gradient sums: how a task writes and reads them ({@link StepExchange}), and their
 * total added in partition order, so it is the same bit for bit whatever order they arrive in.
 *
 * <pre>{@code
 * PartialSums.write(new Partial(partition, loss, sums), floats, out);
 * Partial total = PartialSums.inOrder(List.of(mine, PartialSums.read(in, sizes)), -1);
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
     * Writes {@code partial}: its partition and loss, then every gradient value, as floats when
     * {@code floats} (a single-precision network's sums are floats: nothing is lost) or doubles.
     */
    static void write(Partial partial, boolean floats, DataOutputStream out) throws IOException {
        double[][] sums = partial.gradientSum();
        int width = sums == null ? 0 : floats ? 4 : 8;
        out.writeInt(partial.partition());
        out.writeDouble(partial.lossSum());
        out.writeByte(width);
        if (sums != null) {
            // One bulk copy per parameter: element-wise DataOutput calls cost more than the sums.
            for (double[] s : sums) {
                ByteBuffer bytes = ByteBuffer.allocate(s.length * width);
                if (floats) {
                    FloatBuffer values = bytes.asFloatBuffer();
                    for (double v : s) {
                        values.put((float) v);
                    }
                } else {
                    bytes.asDoubleBuffer().put(s);
                }
                out.write(bytes.array());
            }
        }
        out.flush();
    }

    /** Reads what {@link #write} wrote; {@code sizes} is every parameter's length. */
    static Partial read(DataInputStream in, int[] sizes) throws IOException {
        int partition = in.readInt();
        double loss = in.readDouble();
        int width = in.readByte();
        double[][] sums = null;
        if (width != 0) {
            sums = new double[sizes.length][];
            for (int p = 0; p < sizes.length; p++) {
                byte[] raw = new byte[sizes[p] * width];
                in.readFully(raw);
                double[] s = new double[sizes[p]];
                if (width == 4) {
                    FloatBuffer values = ByteBuffer.wrap(raw).asFloatBuffer();
                    for (int i = 0; i < s.length; i++) {
                        s[i] = values.get(i);
                    }
                } else {
                    ByteBuffer.wrap(raw).asDoubleBuffer().get(s);
                }
                sums[p] = s;
            }
        }
        return new Partial(partition, loss, sums);
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
