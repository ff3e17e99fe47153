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
// no report is written for a budget that cannot be read
assert !new File(basedir, 'target/perf/perf-report.json').exists()
return true
