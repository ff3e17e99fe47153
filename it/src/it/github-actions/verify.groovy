// perf:check on a GitHub Actions runner (GITHUB_ACTIONS=true, see invoker.properties): the runner reads a
// workflow command only at the start of a line of the step's output, so each annotation must stand there
// unprefixed, with the budget file's path from the checkout's root; the report is appended to the summary.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD FAILURE')
has('[ERROR] FAIL     http_req_duration             p(95)<20   69.27 ms')

// one command per budget line that did not pass, on its line and column of perf-budget.yaml
def error = '::error file=github-actions/perf-budget.yaml,line=2,col=23,title=p(95)<20 failed::' +
        'http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms'
def warning = '::warning file=github-actions/perf-budget.yaml,line=5,col=18,title=rate<0.01 failed (warning)::' +
        'http_req_failed rate is 0.05363, but the budget is < 0.01'
has(error)
has(warning)
// and nowhere else: not behind a log prefix, where the runner would not see it
def commands = log.findAll { it.contains('::error') || it.contains('::warning') }
assert commands == [error, warning] : "workflow commands elsewhere in the log: $commands"
has('[INFO] GitHub Actions: report added to the job summary, 2 annotations')
// printed after the verdict table and before the build fails
assert log.indexOf(error) > log.indexOf('[ERROR] perfgate: FAILED - 6 failed, 1 warning, 1 passed (8 budget lines)')
assert log.indexOf(error) < log.indexOf('[INFO] BUILD FAILURE')

// the summary keeps what an earlier step wrote (setup.groovy) and gets the Markdown report after it
def summary = new File(basedir, 'target/step-summary.md').text
assert summary.startsWith('### Unit tests\n\n42 passed\n\n## ❌ perfgate: 6 of 8 budget lines failed\n')
        : summary.take(200)
// the report as perf-report.md has it, the budget named by its path in the repository
def markdown = new File(basedir, 'target/perf/perf-report.md').text
assert markdown.contains(' · budget perf-budget.yaml · ')
assert summary == '### Unit tests\n\n42 passed\n\n' +
        markdown.replace(' · budget perf-budget.yaml · ', ' · budget github-actions/perf-budget.yaml · ')
assert summary.contains('| ❌ FAIL | http\\_req\\_duration | p(95)&lt;20 | 69.27 ms | ' +
        'http\\_req\\_duration p(95) is 69.27 ms, but the budget is &lt; 20 ms<br>↳ p(95) of the timing phases, ' +
        'no baseline to compare with: waiting 69.22 ms')
assert summary.contains('| ⚠️ WARN | http\\_req\\_failed | rate&lt;0.01 | 0.05363 | ')

// GitLab's reports are written only on GitLab CI
assert !new File(basedir, 'target/perf/gitlab-metrics.txt').exists()
return true
