import ai.onnxruntime.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

/**
 * Runs an exported float model in onnxruntime (Java API, CPU) over a CSV of rows that end with
 * a class index (the digits) and compares with what {@code chainrule predict} printed for the
 * same rows. The model's one input is fed each row's values but the last, in its own shape:
 *   java -cp onnxruntime-1.20.0.jar samples/onnx/CheckWithOnnxRuntime.java MODEL.onnx \
 *       samples/data/digits-test.csv chainrule-predictions.csv [--no-optimization]
 * --no-optimization turns onnxruntime's graph optimizations off: onnxruntime 1.20 fuses a Pad
 * into the AveragePool after it without counting the padded zeros (fixed in 1.21).
 */
public class CheckWithOnnxRuntime {
    public static void main(String[] a) throws Exception {
        List<String> rows = Files.readAllLines(Path.of(a[1]));
        rows = rows.subList(1, rows.size());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        if (a.length > 3 && a[3].equals("--no-optimization")) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        }
        try (OrtSession s = env.createSession(a[0], options)) {
            String input = s.getInputNames().iterator().next();
            long[] shape = ((TensorInfo) s.getInputInfo().get(input).getInfo()).getShape();
            shape[0] = rows.size();
            int size = 1;
            for (int k = 1; k < shape.length; k++) size *= (int) shape[k];
            float[] x = new float[rows.size() * size];
            int[] label = new int[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                String[] c = rows.get(r).split(",");
                for (int k = 0; k < size; k++) x[r * size + k] = Float.parseFloat(c[k]);
                label[r] = (int) Double.parseDouble(c[size]);
            }
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                 OrtSession.Result res = s.run(Map.of(input, t))) {
                float[][] y = (float[][]) res.get(0).getValue();
                List<String> ours = Files.readAllLines(Path.of(a[2]));
                double worst = 0; int right = 0;
                for (int r = 0; r < y.length; r++) {
                    String[] c = ours.get(r).split(",");
                    int best = 0;
                    for (int k = 0; k < y[r].length; k++) {
                        double v = Double.parseDouble(c[k]);
                        worst = Math.max(worst, Math.abs(v - y[r][k]) / Math.max(1e-30, Math.abs(y[r][k])));
                        if (y[r][k] > y[r][best]) best = k;
                    }
                    if (best == label[r]) right++;
                }
                System.out.printf("onnxruntime %s: %d rows, accuracy %.2f%%, largest relative difference to chainrule predict %.2e%n", a[0], y.length, 100.0 * right / y.length, worst);
            }
        }
    }
}
