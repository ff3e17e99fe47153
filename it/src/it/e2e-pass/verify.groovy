// The booking service without its N+1 switch, loaded by JMeter: the database lines over
// pg_stat_statements pass, and the service and its PostgreSQL are gone.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD SUCCESS')

// the service was started, loaded, snapshotted around the load and stopped before the gate
def reserved = { String name ->
    def line = log.find { it ==~ /\[INFO\] Reserved port \d+ for ${name.replace('.', '\\.')}/ }
    assert line : "the build log names no port for $name"
    (line =~ /port (\d+)/)[0][1] as int
}
def httpPort = reserved('demo.http.port')
def dbPort = reserved('demo.db.port')
def ready = log.findIndexOf { it.startsWith("booking-service: ready at http://127.0.0.1:$httpPort ") }
def snapshot = { String goal -> log.findIndexOf { it ==~ /\[INFO\] perf:$goal: \d+ statements of 127\.0\.0\.1:$dbPort\/booking \(PostgreSQL .*/ } }
def before = snapshot('db-before')
def after = snapshot('db-after')
def stopped = log.findIndexOf { it.startsWith('booking-service: stopped, PostgreSQL with it') }
def check = log.findIndexOf { it.startsWith('[INFO] --- perf:') && it.contains(':check (check) @ e2e-pass ---') }
assert ready >= 0 && ready < before && before < after && after < stopped && stopped < check :
        "out of order: ready $ready, db-before $before, db-after $after, stopped $stopped, check $check"

// the PASS lines, each with the statistic as measured
def number = /\d+(?:\.\d+)?/
def passes = { String pattern -> assert log.any { it ==~ pattern } : "the build log lacks a line like: $pattern" }
passes(/\[INFO\] PASS     http_req_failed +rate<1% +0%/)
passes(/\[INFO\] PASS     db\.query\{match:"from guests"\} +calls_per_request<=1 +$number/)
passes(/\[INFO\] PASS     db\.query +calls_per_request<=4 +$number/)
has('[INFO] perfgate: PASSED - 3 passed (3 budget lines)')

// the report carries each line's sentence; the guest query runs at most once per request
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/perf/perf-report.json'))
assert report.verdict == 'pass'
assert report.sources.size() == 1 && report.sources[0].format == 'jmeter-xml'
assert report.sources[0].samples >= 100
def line = { String subject -> report.lines.find { it.subject == subject } }
def guests = line('db.query{match:"from guests"}')
assert guests.verdict == 'pass' && guests.observed <= 1
assert guests.sentence ==~ /db\.query\{match:"from guests"\} calls_per_request is $number, within the budget of <= 1/
def queries = line('db.query')
assert queries.verdict == 'pass' && queries.observed <= 4
assert queries.sentence ==~ /db\.query calls_per_request is $number, within the budget of <= 4/

// nothing is left running: no state file, and neither the API's nor PostgreSQL's port answers
assert !new File(basedir, 'target/booking-service.properties').exists()
[httpPort, dbPort].each { port ->
    try {
        new Socket('127.0.0.1', port).close()
        assert false : "something still listens on 127.0.0.1:$port"
    } catch (ConnectException expected) {
    }
}
return true
