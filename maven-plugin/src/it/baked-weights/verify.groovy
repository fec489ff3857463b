// Tiny.weights.json is baked into Tiny; Plain, without a weights file, starts from zeros.
def runtimeJar = new File(localRepositoryPath,
        "dev/chainrule/chainrule-runtime/${projectVersion}/chainrule-runtime-${projectVersion}.jar")
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(),
                                 runtimeJar.toURI().toURL()] as URL[], (ClassLoader) null)

def tiny = loader.loadClass('it.nets.Tiny').getConstructor().newInstance()
assert tiny.getParameter('layer1.weight') == [0.5d, -0.25d] as double[]
assert tiny.getParameter('layer1.bias') == [0.125d] as double[]
double[] y = new double[1]
tiny.predict([1d, 1d] as double[], y)
assert Math.abs(y[0] - 1 / (1 + Math.exp(-0.375d))) < 1e-12

// A graph description's params are baked the same way: Line.weights.json into Line.
def line = loader.loadClass('it.nets.Line').getConstructor().newInstance()
assert line.getParameter('W') == [2d, -1d] as double[]
assert line.getParameter('c') == [0.5d] as double[]
line.predict([1d, 3d] as double[], y)
assert y[0] == -0.5d

def plain = loader.loadClass('it.nets.Plain').getConstructor().newInstance()
assert plain.getParameter('layer1.weight') == [0d, 0d] as double[]
return true
