def log = new File(basedir, 'build.log').text
def generated = log.readLines().findAll { it.contains('[INFO] Generated ') }
assert generated == ['[INFO] Generated 3 classes from src/main/chainrule: gone.yaml, keep.yaml, net.yaml',
                     '[INFO] Generated 1 class from src/main/chainrule: net.yaml'] : generated
assert log.contains('[INFO] 1 description up to date')
assert log.contains('[INFO] Removed it/nets/Gone.java: its description is gone')

def out = new File(basedir, 'target/generated-sources/chainrule/it/nets')
assert new File(out, 'Net.java').text.contains('Network: 2 -> 6 tanh -> 1 sigmoid')
assert new File(out, 'Keep.java').isFile()
assert !new File(out, 'Gone.java').exists()
assert new File(basedir, 'target/classes/it/nets/Net.class').isFile()
return true
