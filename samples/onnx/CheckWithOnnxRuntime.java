import ai.onnxruntime.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

/**
 * Runs an exported digits model in onnxruntime (Java API, CPU) over the test digits and compares
 * with what {@code chainrule predict} printed for the same rows:
 *   java -cp onnxruntime-1.20.0.jar samples/onnx/CheckWithOnnxRuntime.java MODEL.onnx \
 *       samples/data/digits-test.csv chainrule-predictions.csv
 */
public class CheckWithOnnxRuntime {
    public static void main(String[] a) throws Exception {
        List<String> rows = Files.readAllLines(Path.of(a[1]));
        rows = rows.subList(1, rows.size());
        float[] x = new float[rows.size() * 64];
        int[] label = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] c = rows.get(r).split(",");
            for (int k = 0; k < 64; k++) x[r * 64 + k] = Float.parseFloat(c[k]);
            label[r] = (int) Double.parseDouble(c[64]);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(a[0], new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {rows.size(), 64});
             OrtSession.Result res = s.run(Map.of("pixels", t))) {
            float[][] y = (float[][]) res.get(0).getValue();
            List<String> ours = Files.readAllLines(Path.of(a[2]));
            double worst = 0; int right = 0;
            for (int r = 0; r < y.length; r++) {
                String[] c = ours.get(r).split(",");
                int best = 0;
                for (int k = 0; k < 10; k++) {
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
