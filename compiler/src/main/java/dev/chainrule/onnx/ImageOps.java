package dev.chainrule.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The image operators ({@code [C, H, W]} per sample): Conv, MaxPool, AveragePool,
 * GlobalAveragePool and Pad, onto the graph form's conv2d, max_pool2d and avg_pool2d. ONNX
 * windows are per side ({@code pads} = [top, left, bottom, right]); the graph form's are
 * symmetric, so asymmetric pads are refused rather than approximated.
 */
final class ImageOps {

    private ImageOps() {}

    static void register(Map<String, OnnxOps.OpImport> table) {
        table.put("Conv", ImageOps::conv);
        table.put("MaxPool", n -> pool(n, "max_pool2d"));
        table.put("AveragePool", n -> pool(n, "avg_pool2d"));
        table.put("GlobalAveragePool", ImageOps::globalAveragePool);
        table.put("Pad", ImageOps::pad);
    }

    /** Conv with group 1: {@code conv2d(x, W, b, stride=, padding=, dilation=)}. */
    private static List<Value> conv(NodeImport n) {
        Traced x = image(n);
        Folded w = n.folded(1);
        List<Integer> wShape = NodeImport.dims(w.dims());
        if (wShape.size() != 4 || wShape.get(1) != x.shape().get(0)) {
            throw n.error("expected filters [K, " + x.shape().get(0) + ", kh, kw], got " + wShape);
        }
        if (n.integer("group", 1) != 1) {
            throw n.error("group " + n.integer("group", 1) + ": only group 1 is supported");
        }
        int[] kernel = {wShape.get(2), wShape.get(3)};
        requireKernel(n, kernel);
        int[] stride = pair(n, "strides", 1);
        int[] padding = symmetricPads(n);
        int[] dilation = pair(n, "dilations", 1);
        StringBuilder call = new StringBuilder("conv2d(" + x.name() + ", "
                + n.draft.param(w, wShape).name());
        if (n.in(2) != null) {
            call.append(", ").append(n.draft.param(n.folded(2), List.of(wShape.get(0))).name());
        }
        call.append(keyword("stride", stride, 1)).append(keyword("padding", padding, 0))
                .append(keyword("dilation", dilation, 1)).append(")");
        return OnnxOps.one(n.line(call.toString(), List.of(wShape.get(0),
                out(x.shape().get(1), kernel[0], stride[0], padding[0], dilation[0]),
                out(x.shape().get(2), kernel[1], stride[1], padding[1], dilation[1]))));
    }

    /**
     * MaxPool and AveragePool (floor mode, no dilation). ONNX's stride defaults to 1, the
     * graph form's to the kernel, so the stride is always written. AveragePool's
     * count_include_pad 0 differs from avg_pool2d only where there is padding.
     */
    private static List<Value> pool(NodeImport n, String function) {
        Traced x = image(n);
        long[] given = n.integers("kernel_shape");
        if (given == null || given.length != 2) {
            throw n.error("expected kernel_shape with 2 entries");
        }
        int[] kernel = {(int) given[0], (int) given[1]};
        if (n.integer("ceil_mode", 0) != 0) {
            throw n.error("ceil_mode 1: only floor mode (0) is supported");
        }
        if (!Arrays.equals(pair(n, "dilations", 1), new int[] {1, 1})) {
            throw n.error("dilations " + Arrays.toString(n.integers("dilations"))
                    + ": pools support only dilation 1");
        }
        if (n.node.getOutputCount() > 1 && !n.node.getOutput(1).isEmpty()) {
            throw n.error("the Indices output cannot be imported");
        }
        int[] stride = pair(n, "strides", 1);
        int[] padding = symmetricPads(n);
        if (function.equals("avg_pool2d") && n.integer("count_include_pad", 0) == 0
                && (padding[0] != 0 || padding[1] != 0)) {
            throw n.error("count_include_pad 0 with padding " + Arrays.toString(padding)
                    + ": only count_include_pad 1 is supported where there is padding");
        }
        String call = function + "(" + x.name() + ", " + sizes(kernel) + ", stride="
                + sizes(stride) + keyword("padding", padding, 0) + ")";
        return OnnxOps.one(n.line(call, List.of(x.shape().get(0),
                out(x.shape().get(1), kernel[0], stride[0], padding[0], 1),
                out(x.shape().get(2), kernel[1], stride[1], padding[1], 1))));
    }

    /** The mean over each channel's whole image: an avg_pool2d whose window is the image. */
    private static List<Value> globalAveragePool(NodeImport n) {
        Traced x = image(n);
        int[] kernel = {x.shape().get(1), x.shape().get(2)};
        return OnnxOps.one(n.line("avg_pool2d(" + x.name() + ", " + sizes(kernel) + ")",
                List.of(x.shape().get(0), 1, 1)));
    }

    /** A constant zero Pad that pads nothing (PyTorch puts one before every avg_pool2d). */
    private static List<Value> pad(NodeImport n) {
        Traced x = n.traced(0);
        String mode = n.attribute("mode") == null ? "constant"
                : n.attribute("mode").getS().toStringUtf8();
        long[] pads = n.opset >= 11 ? n.folded(1).longs() : n.integers("pads");
        double value = n.opset >= 11 ? (n.in(2) == null ? 0 : n.folded(2).data()[0])
                : n.real("value", 0);
        if (!mode.equals("constant") || value != 0) {
            throw n.error("only constant zero padding is supported, got mode " + mode
                    + " and value " + value);
        }
        if (pads == null || Arrays.stream(pads).anyMatch(p -> p != 0)) {
            throw n.error("pads " + Arrays.toString(pads) + ": only a Pad of zeros (which"
                    + " changes nothing) is supported; fold nonzero padding into the Conv or"
                    + " AveragePool that follows");
        }
        return OnnxOps.one(x);
    }

    private static Traced image(NodeImport n) {
        Traced x = n.traced(0);
        if (x.rank() != 3) {
            throw n.error("expected an image [C, H, W] per sample, got " + x.shape());
        }
        String autoPad = n.attribute("auto_pad") == null ? "NOTSET"
                : n.attribute("auto_pad").getS().toStringUtf8();
        if (!autoPad.equals("NOTSET")) {
            throw n.error("auto_pad " + autoPad + ": only NOTSET (explicit pads) is supported");
        }
        return x;
    }

    private static void requireKernel(NodeImport n, int[] kernel) {
        long[] given = n.integers("kernel_shape");
        if (given != null && (given.length != 2 || given[0] != kernel[0]
                || given[1] != kernel[1])) {
            throw n.error("kernel_shape " + Arrays.toString(given) + " differs from the filters' "
                    + Arrays.toString(kernel));
        }
    }

    /** A two-entry ints attribute, {@code fallback} on both axes when absent. */
    private static int[] pair(NodeImport n, String name, int fallback) {
        long[] v = n.integers(name);
        if (v == null) {
            return new int[] {fallback, fallback};
        }
        if (v.length != 2) {
            throw n.error(name + " " + Arrays.toString(v) + ": expected 2 entries (height, width)");
        }
        return new int[] {(int) v[0], (int) v[1]};
    }

    /** {@code pads} [top, left, bottom, right] as the graph form's [h, w]. */
    private static int[] symmetricPads(NodeImport n) {
        long[] p = n.integers("pads");
        if (p == null) {
            return new int[] {0, 0};
        }
        if (p.length != 4 || p[0] != p[2] || p[1] != p[3]) {
            throw n.error("pads " + Arrays.toString(p) + ": only symmetric padding"
                    + " [h, w, h, w] is supported");
        }
        return new int[] {(int) p[0], (int) p[1]};
    }

    private static int out(int size, int kernel, int stride, int pad, int dilation) {
        return (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
    }

    private static String keyword(String name, int[] value, int fallback) {
        return value[0] == fallback && value[1] == fallback ? "" : ", " + name + "=" + sizes(value);
    }

    private static String sizes(int[] v) {
        return v[0] == v[1] ? Integer.toString(v[0]) : "[" + v[0] + ", " + v[1] + "]";
    }
}
