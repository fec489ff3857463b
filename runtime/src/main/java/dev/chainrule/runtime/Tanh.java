package dev.chainrule.runtime;

/**
 * The hyperbolic tangent generated code calls. {@code Math.tanh} is not a C2 intrinsic on JDK 17
 * (each call goes through {@code StrictMath} to native fdlibm, about 20-30 ns); this is
 * Cephes' method in plain Java, which C2 inlines: a rational approximation below 0.625 and
 * {@code 1 - 2 / (e^2|x| + 1)} above, within 2 ulps of {@code Math.tanh} (and equal to it after
 * rounding to float in 4 million random tests). Generated code of both backends calls it
 * (through {@code GeneratedNetwork.tanh}), so they agree bit for bit.
 */
public final class Tanh {

    private static final double P0 = -9.64399179425052238628E-1;
    private static final double P1 = -9.92877231001918586564E1;
    private static final double P2 = -1.61468768441708447952E3;
    private static final double Q0 = 1.12811678491632931402E2;
    private static final double Q1 = 2.23548839060100448583E3;
    private static final double Q2 = 4.84406305325125486048E3;

    private Tanh() {}

    /** tanh(x); odd, with tanh(±0) = ±0, tanh(±∞) = ±1 and tanh(NaN) = NaN. */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a > 0.625) {
            if (a > 22) {
                return Math.copySign(1.0, x); // 1 - tanh(22) is below half an ulp of 1
            }
            double s = Math.exp(2 * a);
            return Math.copySign(1 - 2 / (s + 1), x);
        }
        if (a < 0x1p-28) {
            return x; // x³/3 is below half an ulp of x; keeps the sign of zero
        }
        double z = x * x;
        return x + x * z * (((P0 * z + P1) * z + P2) / (((z + Q0) * z + Q1) * z + Q2));
    }
}
