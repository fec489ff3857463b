package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * VJP and JVP of conv2d, the pools, their derivative ops and reshape against central
 * differences ({@link OpCheck}) at random channels, image sizes, kernels, strides, paddings and
 * dilations (strides that do not divide the padded input evenly included).
 */
class ConvOpPropertiesTest {

    /** A random window and an image [C, H, W] it fits; pools get dilation 1, pad ≤ kernel/2. */
    private record Case(Window window, Shape image, int filters) {

        static Case random(Random rnd, boolean pool) {
            int kh = 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            int dh = pool ? 1 : 1 + rnd.nextInt(2);
            int dw = pool ? 1 : 1 + rnd.nextInt(2);
            int ph = rnd.nextInt(pool ? kh / 2 + 1 : 3);
            int pw = rnd.nextInt(pool ? kw / 2 + 1 : 3);
            Window win = new Window(kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), ph, pw, dh,
                    dw);
            int h = dh * (kh - 1) + 1 + rnd.nextInt(4);
            int w = dw * (kw - 1) + 1 + rnd.nextInt(4);
            return new Case(win, Shape.of(1 + rnd.nextInt(2), h, w), 1 + rnd.nextInt(2));
        }

        Shape filterShape() {
            return Shape.of(filters, image.dim(0), window.kh(), window.kw());
        }

        Shape convOut() {
            return Shape.of(filters, window.outH(image.dim(1)), window.outW(image.dim(2)));
        }

        Shape poolOut() {
            return Shape.of(image.dim(0), window.outH(image.dim(1)), window.outW(image.dim(2)));
        }
    }

    private static Tensor values(Random rnd, Shape s) {
        return OpCheck.uniform(rnd, s, -1, 1, false);
    }

    @Property(tries = 60) @Covers(op = Conv2d.class)
    void conv2d(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, false);
        Conv2d op = new Conv2d(c.window());
        OpCheck.op(op, rnd, values(rnd, c.image()), values(rnd, c.filterShape()));
        OpCheck.op(op, rnd, values(rnd, c.image()), values(rnd, c.filterShape()),
                values(rnd, Shape.of(c.filters())));
    }

    @Property(tries = 40) @Covers(op = Conv2dInputGrad.class)
    void conv2dInputGrad(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, false);
        OpCheck.op(new Conv2dInputGrad(c.window(), c.image()), rnd, values(rnd, c.convOut()),
                values(rnd, c.filterShape()));
    }

    @Property(tries = 40) @Covers(op = Conv2dWeightGrad.class)
    void conv2dWeightGrad(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, false);
        OpCheck.op(new Conv2dWeightGrad(c.window(), c.filterShape()), rnd,
                values(rnd, c.convOut()), values(rnd, c.image()));
    }

    @Property(tries = 60) @Covers(op = MaxPool2d.class)
    void maxPool2d(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, true);
        OpCheck.op(new MaxPool2d(c.window()), rnd, values(rnd, c.image()));
    }

    /** Gather t at the maxima of x: linear in t, nothing through x. */
    @Property(tries = 40) @Covers(op = MaxPool2dGather.class)
    void maxPool2dGather(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, true);
        OpCheck.op(new MaxPool2dGather(c.window()), rnd, values(rnd, c.image()),
                values(rnd, c.image()));
    }

    @Property(tries = 40) @Covers(op = MaxPool2dScatter.class)
    void maxPool2dScatter(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, true);
        OpCheck.op(new MaxPool2dScatter(c.window()), rnd, values(rnd, c.poolOut()),
                values(rnd, c.image()));
    }

    @Property(tries = 60) @Covers(op = AvgPool2d.class)
    void avgPool2d(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, true);
        OpCheck.op(new AvgPool2d(c.window()), rnd, values(rnd, c.image()));
    }

    @Property(tries = 40) @Covers(op = AvgPool2dTranspose.class)
    void avgPool2dTranspose(@ForAll long seed) {
        Random rnd = new Random(seed);
        Case c = Case.random(rnd, true);
        OpCheck.op(new AvgPool2dTranspose(c.window(), c.image()), rnd, values(rnd, c.poolOut()));
    }

    /** [C, H, W] to [C·H·W] (flatten), to [H, C·W], and a vector to [C, H, W]. */
    @Property(tries = 40) @Covers(op = Reshape.class)
    void reshape(@ForAll long seed) {
        Random rnd = new Random(seed);
        Shape image = Case.random(rnd, false).image();
        int c = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        OpCheck.op(new Reshape(Shape.of(image.size())), rnd, values(rnd, image));
        OpCheck.op(new Reshape(Shape.of(h, c * w)), rnd, values(rnd, image));
        OpCheck.op(new Reshape(image), rnd, values(rnd, Shape.of(image.size())));
    }
}
