// perf:k6 replayed a k6 run that crossed its thresholds and did not fail; perf:check failed the build
// naming the broken budget line in the exact sentence every report uses.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD FAILURE')
// a broken budget is a build failure (MojoFailureException), not an error
has('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')

// perf:k6 only warned: the verdict is perf:check's
has('[WARNING] k6 reported crossed thresholds in shop.js; perf:check decides')
def k6Warning = log.indexOf('[WARNING] k6 reported crossed thresholds in shop.js; perf:check decides')
def check = log.findIndexOf { it.startsWith('[INFO] --- perf:') && it.contains(':check (default) @ k6-fail ---') }
assert check > k6Warning

// k6's own summary says p(95)=69.27ms (69.2708 in summary.json); the sentence must say the same
def sentence = 'http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms'
has('[ERROR] FAIL     http_req_duration             p(95)<20   69.27 ms')
has('[ERROR]          ' + sentence)
// the failure message lists each failed line's sentence on a line of its own
def failure = log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal io.perfgate:perf-maven-plugin:') }
assert failure >= 0
assert log[failure].endsWith(':check (default) on project k6-fail: Performance budget failed (perf-budget.yaml):')
assert log[failure + 1] == '[ERROR] ' + sentence

// k6's own crossed thresholds that no budget line covers fail the gate too (failOnK6Thresholds),
// measured like any budget line and named as k6's, in the script that holds them
has('[ERROR]          http_req_failed rate is 0.05363, but k6\'s threshold in shop.js is < 0.01')
has('[ERROR] perfgate: FAILED - 7 failed (7 budget lines)')

assert new File(basedir, 'target/perf/perf-junit.xml').text.contains(
        'http_req_duration p(95) is 69.27 ms, but the budget is &lt; 20 ms')
return true
