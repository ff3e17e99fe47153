// perf:k6 downloaded k6 v0.48.0 for this platform from the release server of setup.groovy, checked it,
// installed it into the empty cache and ran it; perf:check kept every budget line: BUILD SUCCESS.
def server = System.properties.remove('perfgate.k6version.server')
def requests = System.properties.remove('perfgate.k6version.requests')
def archive = System.properties.remove('perfgate.k6version.archive')
server?.stop(0)

def log = new File(basedir, 'build.log').readLines()
def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }
def perf = new File(basedir, 'target/perf')
def port = new File(basedir, '.mvn/maven.config').text.find(/127\.0\.0\.1:(\d+)/) { all, p -> p }
def platform = archive.substring('k6-v0.48.0-'.length()).replaceAll(/\.(tar\.gz|zip)$/, '')
def binary = new File(basedir, "target/k6-cache/0.48.0/k6-v0.48.0-${platform}/" + (platform.startsWith('windows') ? 'k6.exe' : 'k6'))

has('[INFO] BUILD SUCCESS')
assert log.any { it.startsWith("[INFO] Downloading k6 v0.48.0 (${platform}) from http://127.0.0.1:${port}/releases/v0.48.0/${archive}, ") }
assert log.any { it.startsWith('[INFO] Downloaded k6 v0.48.0: ') }
has("[INFO] Installed k6 v0.48.0 (${platform}) into ${binary.canonicalPath}")
has('[INFO] running (10.1s), 0/5 VUs, 305 complete and 0 interrupted iterations')
has('[INFO] k6 finished shop.js')
has('[INFO] perfgate: PASSED - 3 passed (3 budget lines)')
assert !log.any { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') }

// one request for the checksums, one for the archive
assert requests == ['/releases/v0.48.0/k6-v0.48.0-checksums.txt': 1, ("/releases/v0.48.0/${archive}".toString()): 1]
assert binary.isFile() && binary.canExecute()
// nothing but the binary (and the lock) in the cache
def cached = []
new File(basedir, 'target/k6-cache').eachFileRecurse(groovy.io.FileType.FILES) { cached << it.name }
assert cached.sort() == ['.lock', binary.name]

def record = new groovy.json.JsonSlurper().parse(new File(perf, 'shop/k6-run.json'))
assert record.k6Version == '0.48.0'
assert record.command[0] == binary.canonicalPath
assert record.exitCode == 0
return true
