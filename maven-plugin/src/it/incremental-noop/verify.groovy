def log = new File(basedir, 'build.log').text
def generated = log.readLines().findAll { it.contains('[INFO] Generated ') }
assert generated == ['[INFO] Generated 2 classes from src/main/chainrule: a.yaml, b.yaml'] :
        "only the first build generates: ${generated}"
assert log.contains('[INFO] 2 descriptions up to date')

def out = new File(basedir, 'target/generated-sources/chainrule')
assert new File(out, 'it/nets/A.java').isFile()
assert new File(out, 'it/nets/B.java').isFile()
assert new File(out, '.chainrule-generate-default.state').readLines().size() == 3
return true
