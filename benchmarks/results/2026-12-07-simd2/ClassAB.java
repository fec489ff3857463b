import java.lang.reflect.*; import java.net.*; import java.nio.file.*; import java.util.*;
/** Two generated class dirs on one runtime jar (separate loaders), alternated; thread CPU time, one thread; checks same bits. */
public class ClassAB {
  public static void main(String[] a) throws Exception {
    String net=a[0]; int batch=Integer.parseInt(a[1]); int rounds=Integer.parseInt(a[2]); String jar=a[3]; String[] dirs={a[4],a[5]};
    int N=8000; double[][] xs=images("samples/data/mnist-train-8k-images-idx3-ubyte.gz",N), ts=labels("samples/data/mnist-train-8k-labels-idx1-ubyte.gz",N);
    int[] order=new int[N]; for (int i=0;i<N;i++) order[i]=i; Collections.shuffle(Arrays.asList(boxed(order)), new Random(1));
    Integer[] o2=boxed(order); Collections.shuffle(Arrays.asList(o2), new Random(1)); for (int i=0;i<N;i++) order[i]=o2[i];
    Object[] nets=new Object[2], pts=new Object[2]; Method[] train=new Method[2], setP=new Method[2], getP=new Method[2];
    Map<String,double[]> start=null; String[] names=null;
    for (int k=0;k<2;k++){
      URLClassLoader cl=new URLClassLoader(new URL[]{Path.of(jar).toUri().toURL(), Path.of(dirs[k]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c=cl.loadClass("dev.chainrule.bench."+net); nets[k]=c.getConstructor().newInstance();
      Class<?> netI=cl.loadClass("dev.chainrule.runtime.Network"), gen=cl.loadClass("dev.chainrule.runtime.GeneratedNetwork");
      cl.loadClass("dev.chainrule.runtime.Initializer").getMethod("initialize", netI, long.class).invoke(null, nets[k], 42L);
      Class<?> ptc=cl.loadClass("dev.chainrule.runtime.ParallelTrainer"); pts[k]=ptc.getConstructor(gen,int.class).newInstance(nets[k], 1);
      train[k]=ptc.getMethod("trainBatch", double[][].class, double[][].class, int[].class, int.class, int.class, double.class);
      setP[k]=netI.getMethod("setParameter", String.class, double[].class); getP[k]=netI.getMethod("getParameter", String.class);
      if (k==0){ names=(String[])netI.getMethod("parameterNames").invoke(nets[0]); start=new HashMap<>(); for (String p: names) start.put(p,(double[])getP[0].invoke(nets[0],p)); }
    }
    java.lang.management.ThreadMXBean mx=java.lang.management.ManagementFactory.getThreadMXBean();
    List<List<Double>> rates=List.of(new ArrayList<>(), new ArrayList<>()); int samples=2048;
    for (int r=0;r<rounds;r++) { int from=(r*samples)%(N-samples);
     for (int q=0;q<2;q++) { int k=(r%2==0)?q:1-q;
      for (String p: names) setP[k].invoke(nets[k], p, start.get(p));
      long c0=mx.getCurrentThreadCpuTime();
      for (int s=from;s<from+samples;s+=batch) train[k].invoke(pts[k], xs,ts,order,s,batch,0.01);
      long c1=mx.getCurrentThreadCpuTime();
      if (r>=rounds/3) rates.get(k).add(samples/((c1-c0)/1e9));
     }
     for (String p: names) if (!Arrays.equals((double[])getP[0].invoke(nets[0],p),(double[])getP[1].invoke(nets[1],p))) throw new AssertionError("bits differ: "+p);
    }
    double[] med=new double[2];
    for (int k=0;k<2;k++){ List<Double> l=rates.get(k); Collections.sort(l); med[k]=l.get(l.size()/2); System.out.printf("  %s: median %.1fk (q1 %.1fk q3 %.1fk)%n", dirs[k], med[k]/1000, l.get(l.size()/4)/1000, l.get(3*l.size()/4)/1000);}
    System.out.printf("%s b%d: B/A %.3f (samples per CPU second, same bits)%n", net, batch, med[1]/med[0]);
    System.exit(0);
  }
  static Integer[] boxed(int[] x){ Integer[] b=new Integer[x.length]; for(int i=0;i<x.length;i++) b[i]=x[i]; return b; }
  static double[][] images(String f, int max) throws Exception { try (var in=new java.io.DataInputStream(new java.io.BufferedInputStream(new java.util.zip.GZIPInputStream(new java.io.FileInputStream(f))))) {
    in.readInt(); int n=Math.min(max,in.readInt()); int r=in.readInt(), c=in.readInt(); double[][] x=new double[n][r*c]; for (int i=0;i<n;i++) for (int j=0;j<r*c;j++) x[i][j]=in.readUnsignedByte()/255.0; return x; } }
  static double[][] labels(String f, int max) throws Exception { try (var in=new java.io.DataInputStream(new java.io.BufferedInputStream(new java.util.zip.GZIPInputStream(new java.io.FileInputStream(f))))) {
    in.readInt(); int n=Math.min(max,in.readInt()); double[][] t=new double[n][10]; for (int i=0;i<n;i++) t[i][in.readUnsignedByte()]=1; return t; } }
}
