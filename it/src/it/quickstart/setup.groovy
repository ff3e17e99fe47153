// The Quick start of README.md, run as it stands: its files are read out of the section (each fenced block
// after a "<!-- quickstart file: PATH -->" line) and written here, beside the application they load
// (src/main/java, this build's own). Nothing of them is edited: what this build needs differently from a
// user's machine comes as user properties, as a user's -D would.
//
// k6 cannot run here: the k6 release that perf:k6 downloads (from a release server on 127.0.0.1, see
// ../k6-release-server.groovy) holds a k6 that asks the application one request of the script, so the
// build shows the application answered at BASE_URL while perf:k6 ran, and then replays with the k6
// stand-in the recorded run of the Quick start's script (a_pass). That the script is the one recorded is
// checked here too, so the verdicts the README shows are those a real k6 running it would lead to.
import java.util.regex.Pattern

def readme = new File(perfgateReadme)
def lines = readme.readLines('UTF-8')
int start = lines.indexOf('## Quick start')
assert start >= 0 : "${readme} has no '## Quick start' section"
int end = (start + 1..<lines.size()).find { lines[it].startsWith('## ') } ?: lines.size()
def section = lines.subList(start, end)

// Each marker names what the fenced block on its next line is
def files = [:]
List<String> output = null
section.eachWithIndex { line, i ->
    def marker = line =~ /^<!-- quickstart (file: (\S+)|output) -->$/
    if (!marker.matches()) {
        assert !line.contains('<!-- quickstart') : "README.md line ${start + i + 1}: not a Quick start marker: $line"
        return
    }
    int at = start + i + 1
    assert i + 1 < section.size() && section[i + 1].startsWith('```') :
            "README.md line $at: the marker must stand right above a fenced block: $line"
    int close = (i + 2..<section.size()).find { section[it] == '```' } ?: -1
    assert close > 0 : "README.md line $at: the fenced block below the marker is not closed"
    def block = section.subList(i + 2, close)
    if (marker.group(2) != null) {
        String path = marker.group(2)
        assert !path.startsWith('/') && !path.split('/').contains('..') : "README.md line $at: $path leaves the project"
        assert !files.containsKey(path) : "README.md line $at: a second block for $path"
        files[path] = block.join('\n') + '\n'
    } else {
        assert output == null : "README.md line $at: a second output block"
        output = block
    }
}
assert files.keySet().containsAll(['pom.xml', 'perf-budget.yaml']) :
        "README.md's Quick start marks ${files.keySet()}; it must give pom.xml and perf-budget.yaml"
def scripts = files.keySet().findAll { it.endsWith('.js') }
assert scripts.size() == 1 : "README.md's Quick start must give one k6 script, it marks ${scripts}"
assert output : "README.md's Quick start must show the build's output below a '<!-- quickstart output -->' line"
files.each { path, text ->
    def file = new File(basedir, path)
    file.parentFile.mkdirs()
    file.setText(text, 'UTF-8')
}

// The plugin of this build: the README must name its version, as a user's POM would
def pluginVersion = (files['pom.xml'] =~ /(?s)<artifactId>perf-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)
assert pluginVersion.find() : "README.md's Quick start POM has no perf-maven-plugin with a version"
assert pluginVersion.group(1) == projectVersion :
        "README.md's Quick start uses perf-maven-plugin ${pluginVersion.group(1)}, this build makes ${projectVersion}"

// The script is the recorded one: its code equals the recording's script.js with only the parts the Quick
// start leaves out taken away (the summary it printed, its thresholds: the budget holds them) and the
// address taken from BASE_URL alone. Comments and blank lines do not count.
def code = { String text ->
    text.readLines()*.trim().findAll { it && !it.startsWith('//') }
}
def recorded = new File(itTools, 'fixtures/k6/a_pass/script.js').getText('UTF-8')
def leftOut = [
        ~/(?m)^import \{ textSummary \} from '\.\/k6-summary\.js';\n/,
        ~/(?s)\n  thresholds: \{\n.*?\n  \},\n/,
        ~/(?s)\nexport function handleSummary\(data\) \{\n.*?\n\}\n?/,
]
leftOut.each { Pattern part ->
    def found = recorded =~ part
    assert found.find() : "the recorded script.js no longer has the part ${part}"
    recorded = found.replaceFirst('\n')
}
recorded = recorded.replace("const BASE = __ENV.BASE_URL || 'http://127.0.0.1:8765';", 'const BASE = __ENV.BASE_URL;')
def script = scripts.first()
assert code(files[script]) == code(recorded) :
        "README.md's ${script} is not the script of the recorded run a_pass that this build replays " +
        "(fixtures/k6/a_pass/script.js without its summary, thresholds and default address):\n" +
        "README:   ${code(files[script]) - code(recorded)}\nrecorded: ${code(recorded) - code(files[script])}"

// The k6 of the release: one request of the script to BASE_URL, then the replay of a_pass
def k6 = """#!/usr/bin/env bash
# The k6 of the quickstart build's release server: asks the application for one request of the Quick start's
# script, then replays that script's recorded run (a_pass) with the k6 stand-in.
set -euo pipefail
address=\${BASE_URL#http://}
exec 3<>"/dev/tcp/\${address%%:*}/\${address##*:}"
printf 'GET /api/fast HTTP/1.0\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' "\$address" >&3
read -r status <&3
while IFS= read -r -t 10 line <&3; do :; done   # the whole answer, as k6 reads it; 10 s at most
exec 3<&-
[[ \$status == *' 200 '* ]] || { echo "k6 of the quickstart build: \$BASE_URL/api/fast answered '\$status'" >&2; exit 2; }
export K6_STANDIN_RUN=a_pass
export K6_STANDIN_FIXTURES='${new File(itTools, 'fixtures/k6').canonicalPath}'
exec '${new File(itTools, 'k6-standin/k6').canonicalPath}' "\$@"
"""
binding.setVariable('k6Binary', k6.getBytes('UTF-8'))
def release = evaluate(new File(itSources, 'k6-release-server.groovy'))
System.properties.put('perfgate.quickstart.server', release.server)
System.properties.put('perfgate.quickstart.output', output)

int port = new ServerSocket(0, 1, InetAddress.loopbackAddress).withCloseable { it.localPort }
def user = context.get('userProperties')
user.put('perf.k6.downloadUrl', release.downloadUrl)
user.put('perf.k6.cache', new File(basedir, 'target/k6-cache').path)
// an empty history each time: the first build of a branch, as the README shows it
user.put('perf.history', new File(basedir, 'target/perf-history').path)
user.put('app.port', String.valueOf(port))
return true
