// Six builds of main were recorded; the seventh, 2.9 % slower, failed the regression rule against them.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').readLines()
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

has('[INFO] BUILD FAILURE')
has('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')
def sentence = 'http_req_duration p(95) is 69.27 ms, 2.9% above the baseline of 67.35 ms (6 runs of main); ' +
        'the rule allows + 1%'
has('[ERROR]          ' + sentence)
def failure = log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal io.perfgate:perf-maven-plugin:') }
assert log[failure].endsWith(':check (build-7) on project regression-history: Performance budget failed (perf-budget.yaml):')
assert log[failure + 1] == '[ERROR] ' + sentence

// the first build had no baseline yet: undecided, a warning, never a pass or a failure
has('[WARNING]          http_req_duration p(95) could not be decided: no baseline runs, 5 needed')

// each build was recorded once, in the history folder the POM names, the last with its failed verdict
def projects = new File(basedir, 'target/history').listFiles().findAll { it.isDirectory() }
assert projects.size() == 1 : "one project folder expected in target/history: $projects"
def runs = new File(projects[0], 'runs/main')
assert runs.isDirectory() : "no runs of main in ${projects[0]}"
def recorded = runs.listFiles().findAll { it.name.endsWith('.json') }.collect { new JsonSlurper().parse(it) }
assert recorded.collect { it.runId }.sort() == (1..7).collect { "build-$it" }
assert recorded.find { it.runId == 'build-7' }.verdict == 'FAIL'

// the last report draws the trend of p(95) over the seven builds
def report = new JsonSlurper().parse(new File(basedir, 'target/perf/build-7/perf-report.json'))
def trend = report.trends.find { it.series == 'http_req_duration' && it.statistic == 'p(95)' }
assert trend.points.collect { it.runId } == (1..7).collect { "build-$it" }
assert new File(basedir, 'target/perf/build-7/perf-report.html').text.contains('Trends')
return true
