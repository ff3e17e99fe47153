// perf:check on a GitLab CI runner (GITLAB_CI=true, see invoker.properties) writes the metrics report and
// the Code Quality report that the job's artifacts:reports hand to the merge request.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }
def perf = new File(basedir, 'target/perf')

has('[INFO] BUILD FAILURE')
has("[INFO] Report: ${new File(perf, 'gitlab-metrics.txt')}".toString())
has("[INFO] Report: ${new File(perf, 'gl-code-quality-report.json')}".toString())
// no GitHub workflow commands outside GitHub Actions
assert !log.any { it.contains('::error') || it.contains('::warning') }

// one "name value" line per statistic the budget and k6's own thresholds watch, in the base unit
def metrics = new File(perf, 'gitlab-metrics.txt').readLines()
assert metrics.first() == 'perfgate_http_req_duration_p95 69.27'
assert metrics.contains('perfgate_http_req_duration_name_fast_p99 5.965')
assert metrics.contains('perfgate_http_req_failed_rate 0.05363')
assert metrics.last() == '# EOF'
assert metrics.every { it ==~ /perfgate_[A-Za-z0-9_]+ -?[0-9.]+|# EOF/ } : metrics

// an issue per budget-file line that did not pass; k6's own thresholds have no line in the file
def issues = new groovy.json.JsonSlurper().parse(new File(perf, 'gl-code-quality-report.json'))
assert issues.size() == 2
assert issues[0].description == 'http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms'
assert issues[0].check_name == 'perfgate-budget-failed'
assert issues[0].severity == 'major'
assert issues[0].location == [path: 'gitlab-ci/perf-budget.yaml', lines: [begin: 2]]
assert issues[0].fingerprint ==~ /[0-9a-f]{32}/
assert issues[1].description == 'http_req_failed rate is 0.05363, but the budget is < 0.01'
assert issues[1].severity == 'minor'
assert issues[1].location == [path: 'gitlab-ci/perf-budget.yaml', lines: [begin: 5]]
return true
