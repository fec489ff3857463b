import java.io.DataInputStream

def log = new File(basedir, 'build.log').text
assert log.contains('Generated 3 classes from src/main/chainrule: iris.json, nets/seed-graph.yaml, nets/xor.yaml')
assert log.contains('Generated 1 class from src/test/chainrule: probe.yml')
// the build runs on JDK 17, which has the module: the first goal adds it to argLine, once
assert log.count('Test JVMs start with --add-modules jdk.incubator.vector (argLine)') == 1

def generated = new File(basedir, 'target/generated-sources/chainrule')
assert new File(generated, 'it/nets/Xor.java').isFile()
assert new File(generated, 'it/nets/IrisNet.java').isFile()
assert new File(generated, 'it/nets/SeedGraph.java').isFile()
assert new File(basedir, 'target/generated-test-sources/chainrule/it/probes/Probe.java').isFile()

def classes = ['target/classes/it/nets/Xor.class', 'target/classes/it/nets/IrisNet.class',
               'target/classes/it/app/Uses.class', 'target/test-classes/it/probes/Probe.class']
for (path in classes) {
    def file = new File(basedir, path)
    assert file.isFile() : path
    file.withInputStream { stream ->
        def data = new DataInputStream(stream)
        assert data.readInt() == (int) 0xCAFEBABEL
        data.readUnsignedShort()
        assert data.readUnsignedShort() == 52 : "${path} is not a Java 8 class file"
    }
}

// Load the generated class with nothing but the runtime beside it, and train one step.
def runtimeJar = new File(localRepositoryPath,
        "dev/chainrule/chainrule-runtime/${projectVersion}/chainrule-runtime-${projectVersion}.jar")
assert runtimeJar.isFile() : runtimeJar
def loader = new URLClassLoader([new File(basedir, 'target/classes').toURI().toURL(),
                                 runtimeJar.toURI().toURL()] as URL[], (ClassLoader) null)
def xorClass = loader.loadClass('it.nets.Xor')
// layer and graph descriptions alike compile to a GeneratedGraph (a GeneratedNetwork)
assert xorClass.superclass.name == 'dev.chainrule.runtime.GeneratedGraph'
def net = xorClass.getConstructor().newInstance()
assert net.inputSize() == 2 && net.outputSize() == 1
loader.loadClass('dev.chainrule.runtime.Initializer').initialize(net, 7L)
double[][] xs = [[0, 1] as double[]]
double[][] ts = [[1] as double[]]
def before = net.loss(xs[0], ts[0])
net.trainBatch(xs, ts, [0] as int[], 0, 1, 0.5d)
assert net.loss(xs[0], ts[0]) < before

// A graph description's class: its value and both derivative passes, with only the runtime.
def graph = loader.loadClass('it.nets.SeedGraph').getConstructor().newInstance()
assert graph.class.superclass.name == 'dev.chainrule.runtime.GeneratedGraph'
assert graph.evaluateAll([2, 1] as double[], new double[0]) as List == [2d, 1d, 3d, 2d, 6d]
assert graph.reverseAll() as List == [2d, 5d, 2d, 3d, 1d]
return true
