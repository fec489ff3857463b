import dev.chainrule.runtime.*;
import java.io.*; import java.util.*; import java.util.zip.*; import java.lang.management.*;
public class Harness {
  static double[][] images(String f, int max) throws IOException { try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(new FileInputStream(f))))) {
    in.readInt(); int n=Math.min(max,in.readInt()); int r=in.readInt(), c=in.readInt(); double[][] x=new double[n][r*c]; for (int i=0;i<n;i++) for (int j=0;j<r*c;j++) x[i][j]=in.readUnsignedByte()/255.0; return x; } }
  static double[][] labels(String f, int max) throws IOException { try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(new FileInputStream(f))))) {
    in.readInt(); int n=Math.min(max,in.readInt()); double[][] t=new double[n][10]; for (int i=0;i<n;i++) t[i][in.readUnsignedByte()]=1; return t; } }
  public static void main(String[] a) throws Exception {
    String d="/work/main/samples/data/"; int N=8000;
    String net0=a[0]; double[][] xs, ts; Random rr=new Random(1);
    if (net0.equals("N1")) { xs=new double[N][2]; ts=new double[N][2]; for (int i=0;i<N;i++) for (int j=0;j<2;j++){xs[i][j]=rr.nextDouble(); ts[i][j]=rr.nextDouble();} }
    else if (net0.equals("N2")) { xs=new double[N][4]; ts=new double[N][3]; for (int i=0;i<N;i++){ int l=rr.nextInt(3); for (int j=0;j<4;j++) xs[i][j]=1+2*l*(j+1)/4.0+rr.nextDouble(); ts[i][l]=1;} }
    else { xs=images(d+"mnist-train-8k-images-idx3-ubyte.gz",N); ts=labels(d+"mnist-train-8k-labels-idx1-ubyte.gz",N); }
    int[] order=new int[N]; for (int i=0;i<N;i++) order[i]=i;
    String net=a[0]; int batch=Integer.parseInt(a[1]); int rounds=Integer.parseInt(a[2]);
    GeneratedNetwork[] nets={(GeneratedNetwork)Class.forName("dev.chainrule.bench.Old"+net).getConstructor().newInstance(),(GeneratedNetwork)Class.forName("dev.chainrule.bench.New"+net).getConstructor().newInstance()};
    Initializer.initialize(nets[0], 42);
    Map<String,double[]> start=new HashMap<>(); for (String p: nets[0].parameterNames()) start.put(p, nets[0].getParameter(p));
    ParallelTrainer[] pt={new ParallelTrainer(nets[0],1), new ParallelTrainer(nets[1],1)};
    ThreadMXBean mx=ManagementFactory.getThreadMXBean();
    List<List<Double>> rates=List.of(new ArrayList<>(), new ArrayList<>());
    int samples=net0.startsWith("N1")||net0.startsWith("N2") ? 7936 : 2048;
    for (int r=0;r<rounds;r++) for (int q=0;q<2;q++) { int k=(r%2==0)?q:1-q; GeneratedNetwork g=nets[k];
      for (String p: g.parameterNames()) g.setParameter(p, start.get(p));
      int from=(r*samples)%(N-samples);
      long c0=mx.getCurrentThreadCpuTime();
      for (int s=from;s<from+samples;s+=batch) { if (batch==1) g.trainBatch(xs,ts,order,s,1,0.01); else pt[k].trainBatch(xs,ts,order,s,batch,0.01); }
      long c1=mx.getCurrentThreadCpuTime();
      if (r>=rounds/3) rates.get(k).add(samples/((c1-c0)/1e9));
    }
    for (int k=0;k<2;k++){ List<Double> l=rates.get(k); Collections.sort(l); }
    double mo=rates.get(0).get(rates.get(0).size()/2), mn=rates.get(1).get(rates.get(1).size()/2);
    System.out.printf("%s b%d: old %.1fk new %.1fk ratio %.3f  (old q1 %.1fk q3 %.1fk, new q1 %.1fk q3 %.1fk)%n", net, batch, mo/1000, mn/1000, mn/mo,
      rates.get(0).get(rates.get(0).size()/4)/1000, rates.get(0).get(3*rates.get(0).size()/4)/1000, rates.get(1).get(rates.get(1).size()/4)/1000, rates.get(1).get(3*rates.get(1).size()/4)/1000);
    pt[0].close(); pt[1].close();
  }
}
