// The failsafe split: k6 crossed its thresholds in integration-test without failing the build, the
// application was still stopped in post-integration-test, and only then did perf:check fail in verify.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

def started = log.indexOf('[INFO]      [echo] application started')
def k6Warning = log.indexOf('[WARNING] k6 reported crossed thresholds in shop.js; perf:check decides')
def stopped = log.indexOf('[INFO]      [echo] application stopped')
def check = log.findIndexOf { it.startsWith('[INFO] --- perf:') && it.contains(':check (default) @ k6-teardown ---') }
def failed = log.indexOf('[INFO] BUILD FAILURE')

assert started >= 0 : 'the application was not started'
assert k6Warning > started : 'perf:k6 did not run after the start, or failed instead of warning'
assert stopped > k6Warning : 'the application was not stopped after the k6 run'
assert check > stopped : 'perf:check ran before the teardown'
assert failed > check
assert new File(basedir, 'target/application-stopped').isFile()

assert log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal io.perfgate:perf-maven-plugin:')
        && it.contains(':check (default) on project k6-teardown: Performance budget failed') } > check
has('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')
return true
