def log = new File(basedir, 'build.log').text
def located = "src/main/chainrule/net.yaml:5:28: layers[0].activation: unknown activation 'rleu'"
assert log.contains('[ERROR] ' + located) : 'the located message is logged on its own'
assert log.contains('on project bad-description: ' + located) : 'and is the failure message'

// All or nothing: the valid good.yaml was not written either.
def target = new File(basedir, 'target')
def java = []
if (target.exists()) {
    target.eachFileRecurse { if (it.name.endsWith('.java')) java << it }
}
assert java.isEmpty() : "generated sources left behind: ${java}"
assert !new File(target, 'generated-sources/chainrule/.chainrule-generate-default.state').exists()
return true
