// The booking service with its N+1 switch on, loaded by JMeter: the database line over
// pg_stat_statements fails the build in its sentence, and the service and its PostgreSQL are gone.
def log = new File(basedir, 'build.log').readLines()
// a short message instead of the whole log when a line is missing
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD FAILURE')
// a broken budget is a build failure (MojoFailureException), not an error
has('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')

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
def check = log.findIndexOf { it.startsWith('[INFO] --- perf:') && it.contains(':check (check) @ e2e-nplusone ---') }
assert ready >= 0 && ready < before && before < after && after < stopped && stopped < check :
        "out of order: ready $ready, db-before $before, db-after $after, stopped $stopped, check $check"
assert new File(basedir, 'target/perf/jmeter/booking.jtl').isFile()

// the N+1 pattern: more than one guest query per request, in the sentence every report uses
def sentence = ~/db\.query\{match:"from guests"\} calls_per_request is (\d+(?:\.\d+)?), but the budget is <= 1/
def failed = log.findAll { it.startsWith('[ERROR]          ') && it.substring(17) ==~ sentence }
assert failed.size() == 1 : 'the build log lacks the failing database sentence'
def calls = (failed[0].substring(17) =~ sentence)[0][1] as BigDecimal
assert calls > 1
assert log.any { it.startsWith('[ERROR] FAIL     db.query{match:"from guests"}') }
has('[ERROR] perfgate: FAILED - 1 failed (1 budget line)')
def failure = log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal io.perfgate:perf-maven-plugin:') }
assert failure >= 0 && log[failure].endsWith(':check (check) on project e2e-nplusone: Performance budget failed (perf-budget.yaml):')
assert log[failure + 1] ==~ /\[ERROR\] / + sentence

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
