// The Quick start as README.md gives it: the application was started and answered before perf:k6, k6 v0.48.0
// was downloaded and ran the script against it, the application was stopped after the load and before
// perf:check, which kept the budget with the one warning the README shows; the reports were written.
import groovy.json.JsonSlurper

def server = System.properties.remove('perfgate.quickstart.server')
List<String> output = System.properties.remove('perfgate.quickstart.output')
server?.stop(0)

def log = new File(basedir, 'build.log').readLines()
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }
def step = { String goal ->
    int at = log.findIndexOf { it.startsWith("[INFO] --- $goal") && it.endsWith(' @ shop ---') }
    assert at >= 0 : "the build log shows no $goal"
    at
}

has('[INFO] BUILD SUCCESS')

// the README's output, line for line and in one piece
int first = log.indexOf(output[0])
assert first >= 0 : "the build log lacks the README's first output line: ${output[0]}"
assert log.subList(first, Math.min(first + output.size(), log.size())) == output :
        "the build log differs from the README's output:\n" + log.subList(first, Math.min(first + output.size() + 2, log.size())).join('\n')
// and nothing else to warn about
assert log.findAll { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') }
        .findAll { !output.contains(it) && !it.startsWith('[WARNING] Performance budget passed with warnings: ') } == []

// started, awaited, loaded, stopped, then checked
int start = step('exec:3.6.4:exec (start-app)')
int await = step('antrun:3.1.0:run (await-app)')
int k6 = log.findIndexOf { it ==~ /\[INFO\] --- perf:\S+:k6 \(default\) @ shop ---/ }
int stop = step('antrun:3.1.0:run (stop-app)')
int check = log.findIndexOf { it ==~ /\[INFO\] --- perf:\S+:check \(default\) @ shop ---/ }
assert 0 <= start && start < await && await < k6 && k6 < stop && stop < check :
        "out of order: start $start, await $await, k6 $k6, stop $stop, check $check"

// the application's own notes: up before the load, asked by this build's k6 during it, stopped on request
def events = new File(basedir, 'target/shop-application.log').readLines()
def started = events[0] =~ /^started pid=(\d+) port=(\d+)$/
assert started.matches() : "the application's first note is not its start: ${events[0]}"
assert events.drop(1) == ['GET /health 200', 'GET /api/fast 200', 'POST /shutdown 200', 'stopped on POST /shutdown'] :
        "the application's notes: $events"
def pid = started.group(1) as long
assert !ProcessHandle.of(pid).map { it.alive }.orElse(false) : "the application (pid $pid) outlived the build"
// k6 v0.48.0 came from the release server of setup.groovy into this build's cache
assert log.any { it.startsWith('[INFO] Downloading k6 v0.48.0 (') && it.contains(' from http://127.0.0.1:') }
assert log.any { it.startsWith('[INFO] Installed k6 v0.48.0 (') && it.contains('/target/k6-cache/0.48.0/') }
has('[INFO] k6 finished shop.js')

// the reports, and the run recorded in this build's own history
def perf = new File(basedir, 'target/perf')
['perf-report.json', 'perf-junit.xml', 'perf-report.md', 'perf-report.html'].each {
    assert new File(perf, it).isFile() : "missing report $it"
}
def report = new JsonSlurper().parse(new File(perf, 'perf-report.json'))
assert report.verdict == 'warn'
def record = new JsonSlurper().parse(new File(perf, 'shop/k6-run.json'))
assert record.k6Version == '0.48.0'
assert record.exitCode == 0
def runs = []
new File(basedir, 'target/perf-history').eachFileRecurse(groovy.io.FileType.FILES) {
    if (it.name.endsWith('.json')) {
        runs << it
    }
}
assert runs.size() == 1 : "one run recorded expected: $runs"
return true
