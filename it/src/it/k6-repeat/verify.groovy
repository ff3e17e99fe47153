// perf:k6 ran shop.js three times, each run in target/perf/shop/run-N/; perf:check pooled the three
// candidate runs and kept the budget: BUILD SUCCESS.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }
def perf = new File(basedir, 'target/perf')

has('[INFO] BUILD SUCCESS')
assert !log.any { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') }

// each run is announced, and its results named, in order
def announced = log.findAll { it.startsWith('[INFO] Running k6 on shop.js') }
assert announced == (1..3).collect { "[INFO] Running k6 on shop.js (run $it of 3)".toString() }
(1..3).each { has("[INFO] k6 finished shop.js (run $it of 3)".toString()) }
def last = log.findIndexOf { it == '[INFO] k6 finished shop.js (run 3 of 3)' }
def first = log.findIndexOf { it == '[INFO] k6 finished shop.js (run 1 of 3)' }
assert first < last

// one folder per run with its own record, NDJSON and summary; none in the script's folder itself
def shop = new File(perf, 'shop')
assert !new File(shop, 'k6-run.json').exists()
assert shop.list().sort() == ['run-1', 'run-2', 'run-3']
(1..3).each { round ->
    def folder = new File(shop, "run-$round")
    def record = new JsonSlurper().parse(new File(folder, 'k6-run.json'))
    assert record.schema == 2
    assert record.role == 'candidate'
    assert record.round == round
    assert record.exitCode == 0
    assert record.command.contains('json=' + new File(folder, 'run.ndjson').path)
    assert new File(folder, 'run.ndjson').isFile()
    assert new File(folder, 'summary.json').isFile()
}

// the gate read all three runs and pooled them: three times the recorded 1220 requests
has('[INFO] perfgate: PASSED - 3 passed (3 budget lines)')
assert log.any { it ==~ /\[INFO\] PASS +http_req_failed +rate<0\.05 +0\.003279/ }
def report = new JsonSlurper().parse(new File(perf, 'perf-report.json'))
assert report.sources.size() == 3
assert report.sources.every { it.path.contains('shop/run-') && it.format == 'k6-ndjson' }
assert report.series.find { it.series == 'http_req_duration' }.count == 3 * 1220
return true
