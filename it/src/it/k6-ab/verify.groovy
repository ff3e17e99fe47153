// perf:k6 ran two interleaved A/B rounds (the baseline URL replays a failing recording, the candidate
// URL a passing one); perf:check judged the candidate runs only: BUILD SUCCESS.
import groovy.json.JsonSlurper
import java.time.Instant

def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }
def perf = new File(basedir, 'target/perf')

has('[INFO] BUILD SUCCESS')

// two rounds cannot reach a decision: perf:k6 warns once, before it runs anything
def warning = '[WARNING] perf:k6: the interleaved A/B mode runs 2 rounds, but the regression check needs at ' +
        'least 7 to reach a decision at a 1 % false-alarm rate, so every A/B verdict will be inconclusive. ' +
        'Set repeat (perf.k6.repeat) to 10 or more.'
has(warning)
assert log.findIndexOf { it == warning } < log.findIndexOf { it.startsWith('[INFO] Running k6 on shop.js') }
assert log.count(warning) == 1
// besides, only k6's own stderr (the baseline's crossed thresholds) comes at warning level
assert log.findAll { it.startsWith('[WARNING]') && it != warning }.every { it.contains(' level=error ') }
assert !log.any { it.startsWith('[ERROR]') }

// round 1 runs the baseline first, round 2 the candidate first
def announced = log.findAll { it.startsWith('[INFO] Running k6 on shop.js') }
assert announced == ['[INFO] Running k6 on shop.js (round 1 of 2, baseline)',
                     '[INFO] Running k6 on shop.js (round 1 of 2, candidate)',
                     '[INFO] Running k6 on shop.js (round 2 of 2, candidate)',
                     '[INFO] Running k6 on shop.js (round 2 of 2, baseline)']
// the baseline crossed its own k6 thresholds; that is no concern of the candidate's gate
has('[INFO] k6 reported crossed thresholds in shop.js (round 1 of 2, baseline); baseline runs only serve the A/B comparison')

// one folder per run, each record naming its role and round; the URLs are never written down
def shop = new File(perf, 'shop')
assert shop.list().sort() == ['baseline-1', 'baseline-2', 'candidate-1', 'candidate-2']
def records = ['baseline-1', 'candidate-1', 'candidate-2', 'baseline-2'].collect { name ->
    def file = new File(shop, "$name/k6-run.json")
    assert !file.text.contains('baseline.test') && !file.text.contains('candidate.test')
    def record = new JsonSlurper().parse(file)
    assert "${record.role}-${record.round}" == name
    assert record.exitCode == (record.role == 'baseline' ? 99 : 0)
    assert record.environment == ['BASE_URL', 'K6_STANDIN_RUN_BY_URL']
    assert new File(shop, "$name/run.ndjson").isFile()
    assert new File(shop, "$name/summary.json").isFile()
    record
}
def started = records.collect { Instant.parse(it.startedAt) }
assert started == started.sort(false)

// the gate pooled the two candidate runs alone: the baseline's 5.4 % failures and crossed thresholds
// would have failed it
assert log.any { it ==~ /\[INFO\] PASS +http_req_failed +rate<0\.01 +0\.003279/ }
has('[INFO] perfgate: PASSED - 2 passed (2 budget lines)')
def report = new JsonSlurper().parse(new File(perf, 'perf-report.json'))
assert report.sources*.path.collect { new File(it).parentFile.name }.sort() == ['candidate-1', 'candidate-2']
assert report.series.find { it.series == 'http_req_duration' }.count == 2 * 1220
return true
