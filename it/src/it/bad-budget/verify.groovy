// A malformed budget is a build error (MojoExecutionException) whose message names file, line and column.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD FAILURE')
has('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException')
def error = log.find { it.startsWith('[ERROR] Failed to execute goal io.perfgate:perf-maven-plugin:') }
assert error != null
assert error.contains(':check (default) on project bad-budget: perf-budget.yaml line 3, column 21: '
        + "unknown aggregation 'p95' in 'p95<1%'")
// every build has a report: a budget that cannot be read gives one whose verdict is error, naming the line
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/perf/perf-report.json'))
assert report.verdict == 'error'
assert report.lines == []
assert report.messages*.text == ["perf-budget.yaml line 3, column 21: unknown aggregation 'p95' in 'p95<1%'; "
        + 'allowed: avg, min, max, med, p(N), count, rate, value (did you mean p(95)?)']
has('[ERROR] perfgate: ERROR - 0 passed, 1 error message (0 budget lines)')
return true
