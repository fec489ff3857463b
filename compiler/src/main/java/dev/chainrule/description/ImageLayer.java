package dev.chainrule.description;

import java.util.List;
import java.util.Objects;

/**
 * What a layer of the layer form does to an image {@code [C, H, W]}, beyond a dense layer's
 * {@code W x + b}: a convolution of {@code filters} kernels, a pool, or a flatten to a vector.
 * The window follows PyTorch's {@code F.conv2d}: kernel {@code kh × kw}, stride, zero padding on
 * every side and dilation, each per axis.
 *
 * @param in the layer's input shape, {@code [C, H, W]}
 * @param out its output shape: {@code [K, H', W']} for a conv, {@code [C, H', W']} for a pool,
 *     {@code [C·H·W]} for a flatten
 */
public record ImageLayer(Type type, int filters, int kh, int kw, int sh, int sw, int ph, int pw,
                         int dh, int dw, List<Integer> in, List<Integer> out) {

    /** The layer types besides dense, by their spelling in {@code type:}. */
    public enum Type {
        CONV2D("conv2d"), MAX_POOL2D("max_pool2d"), AVG_POOL2D("avg_pool2d"),
        FLATTEN("flatten");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    public ImageLayer {
        Objects.requireNonNull(type, "type");
        in = List.copyOf(in);
        out = List.copyOf(out);
    }

    /** A flatten of {@code in}. */
    public static ImageLayer flatten(List<Integer> in) {
        return new ImageLayer(Type.FLATTEN, 0, 1, 1, 1, 1, 0, 0, 1, 1, in,
                List.of(size(in)));
    }

    public boolean isConv() {
        return type == Type.CONV2D;
    }

    /** A conv layer's filters {@code [K, C, kh, kw]}: its weight's shape, as PyTorch's. */
    public int[] filterShape() {
        return new int[] {filters, in.get(0), kh, kw};
    }

    static int size(List<Integer> shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
