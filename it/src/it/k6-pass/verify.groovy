// perf:k6 replayed the passing k6 run, perf:check kept every budget line: BUILD SUCCESS.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }
def perf = new File(basedir, 'target/perf')

has('[INFO] BUILD SUCCESS')

// k6's own output reaches the Maven log line by line, at info
has('[INFO]   execution: local')
has('[INFO] running (10.1s), 0/5 VUs, 305 complete and 0 interrupted iterations')
has('[INFO] k6 finished shop.js')
assert !log.any { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') }

// the verdict table, one row per budget line, and the closing line
has('[INFO] PASS     http_req_duration             p(95)<500  67.35 ms')
has('[INFO] PASS     http_req_failed               rate<0.05  0.003279')
has('[INFO] perfgate: PASSED - 3 passed (3 budget lines)')
has('[INFO] Performance budget passed')

// the reports, with the passing sentence every report shares
['perf-report.json', 'perf-junit.xml', 'perf-report.md', 'perf-report.html'].each {
    assert new File(perf, it).isFile() : "missing report $it"
}
assert new File(perf, 'perf-junit.xml').text.contains(
        'http_req_duration p(95) is 67.35 ms, within the budget of &lt; 500 ms')

// the run record names the environment variables but never their values
def recordFile = new File(perf, 'shop/k6-run.json')
def record = new groovy.json.JsonSlurper().parse(recordFile)
assert record.schema == 2
// the only run of the script, in the script's folder itself
assert record.role == 'candidate'
assert record.round == 1
assert record.exitCode == 0
assert record.timedOut == false
assert record.environment == ['BASE_URL', 'K6_STANDIN_RUN']
assert !recordFile.text.contains('127.0.0.1:8765')
assert new File(perf, 'shop/run.ndjson').isFile()
assert new File(perf, 'shop/summary.json').isFile()

// perf:k6 read the results while k6 wrote them; perf:check took them from the run summary
assert new File(perf, 'shop/run-summary.json').isFile()
assert log.any { it.startsWith('[INFO] perf:k6: read the results of shop.js while k6 wrote them (13745 samples); ' +
        'the gate takes them from ') && it.endsWith('run-summary.json') }
assert log.any { it.startsWith('[INFO] ') && it.endsWith('shop/run.ndjson is taken from its run summary ' +
        'run-summary.json, which perf:k6 wrote while k6 ran') }
return true
