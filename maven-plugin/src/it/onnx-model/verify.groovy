// mlp.onnx (PyTorch 1.13's export of a 4-8-6-3 MLP) became the class Mlp with its initializers
// baked in: it predicts what torch computed (torch-outputs.csv) with no weights file.
def runtimeJar = new File(localRepositoryPath,
        "dev/chainrule/chainrule-runtime/${projectVersion}/chainrule-runtime-${projectVersion}.jar")
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(),
                                 runtimeJar.toURI().toURL()] as URL[], (ClassLoader) null)
def mlp = loader.loadClass('Mlp').getConstructor().newInstance()
assert mlp.parameterNames().contains('l1.weight')
def inputs = new File(basedir, 'inputs.csv').readLines()
def expected = new File(basedir, 'torch-outputs.csv').readLines()
inputs.eachWithIndex { line, r ->
    double[] x = line.split(',').collect { it as double } as double[]
    double[] y = new double[3]
    mlp.predict(x, y)
    def want = expected[r].split(',').collect { it as double }
    (0..<3).each { k -> assert Math.abs(y[k] - want[k]) < 1e-6 }
}
return true
