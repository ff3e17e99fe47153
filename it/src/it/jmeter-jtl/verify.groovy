// perf:check alone, over a real JMeter 5.6.3 JTL given in resultFiles: JMeter labels are k6 name tags.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD SUCCESS')
// the recording's own numbers (fixtures/jmeter/csv_default/expected.json): slow p90 75.1 ms,
// flaky 45 of 500 failed, 2000 requests
has('[INFO] PASS     http_req_duration{name:slow}  p(90)<100    75.1 ms')
has('[INFO] PASS     http_req_failed{name:flaky}   rate<15%     9%')
has('[INFO] PASS     http_reqs                     count==2000  2000')
has('[INFO] perfgate: PASSED - 3 passed (3 budget lines)')
assert !log.any { it.startsWith('[INFO] --- perf:') && it.contains(':k6 ') }

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/perf/perf-report.json'))
assert report.verdict == 'pass'
assert report.sources.size() == 1
assert report.sources[0].path.endsWith('/fixtures/jmeter/csv_default/results.jtl')
assert report.sources[0].format == 'jmeter-csv'
assert report.sources[0].samples == 2000
return true
