// The failsafe split when k6 fails (exit code 107): perf:k6 recorded the run and let the build go on, the
// application was still stopped in post-integration-test, and only then did perf:check stop the build.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

def started = log.indexOf('[INFO]      [echo] application started')
def k6Failed = log.findIndexOf { it.startsWith('[ERROR] k6 failed to run shop.js: exit code 107 (script exception).') }
def recorded = log.findIndexOf { it.startsWith('[ERROR] perf:k6: the failed run is recorded in ') }
def stopped = log.indexOf('[INFO]      [echo] application stopped')
def check = log.findIndexOf { it.startsWith('[INFO] --- perf:') && it.contains(':check (default) @ k6-crash-teardown ---') }
def failed = log.indexOf('[INFO] BUILD FAILURE')

assert started >= 0 : 'the application was not started'
assert k6Failed > started : 'perf:k6 did not report the failed run'
assert recorded > k6Failed
assert stopped > recorded : 'the application was not stopped after the failed k6 run'
assert check > stopped : 'perf:check ran before the teardown'
assert failed > check
assert new File(basedir, 'target/application-stopped').isFile()

assert log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal io.perfgate:perf-maven-plugin:')
        && it.contains(':check (default) on project k6-crash-teardown: ') && it.contains('did not finish (exit code 107)') } > check
has('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException')
return true
