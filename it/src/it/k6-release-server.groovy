// A k6 release download site on 127.0.0.1 in k6's layout (build-release.sh and the release workflow):
//   /releases/v0.48.0/k6-v0.48.0-<os>-<arch>.tar.gz (Linux; .zip for macOS and Windows) holding
//   k6-v0.48.0-<os>-<arch>/k6 (k6.exe on Windows), beside /releases/v0.48.0/k6-v0.48.0-checksums.txt.
// Evaluated by the setup.groovy of a sample build, with `basedir` and `k6Binary` (the bytes to pack as k6)
// bound; answers [server, requests (count per path), archive (its file name), downloadUrl]. The caller's
// verify.groovy stops the server; it stops by itself after 5 minutes.
import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest
import java.util.concurrent.ConcurrentHashMap
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def osName = System.getProperty('os.name').toLowerCase(Locale.ROOT)
def os = osName.startsWith('linux') ? 'linux' : osName.startsWith('mac') ? 'macos' : 'windows'
def arch = System.getProperty('os.arch') in ['aarch64', 'arm64'] ? 'arm64' : 'amd64'
def name = "k6-v0.48.0-${os}-${arch}"
def build = new File(basedir, 'release')
def folder = new File(build, name)
folder.mkdirs()
def binary = new File(folder, os == 'windows' ? 'k6.exe' : 'k6')
binary.bytes = k6Binary

File archive
if (os == 'linux') {
    // as build-release.sh packs it: tar -C dist -zcf dist/<name>.tar.gz <name>
    archive = new File(build, "${name}.tar.gz")
    def tar = new ProcessBuilder('tar', '-C', build.path, '-zcf', archive.path, name).inheritIO().start()
    assert tar.waitFor() == 0 : 'tar failed'
} else {
    archive = new File(build, "${name}.zip")
    archive.withOutputStream { out ->
        new ZipOutputStream(out).withCloseable { zip ->
            zip.putNextEntry(new ZipEntry("${name}/${binary.name}"))
            zip.write(binary.bytes)
            zip.closeEntry()
        }
    }
}
def sha256 = MessageDigest.getInstance('SHA-256').digest(archive.bytes).encodeHex().toString()
// String keys: a GString key would not be found by the request's path
def files = [("/releases/v0.48.0/${archive.name}".toString()): archive.bytes,
             '/releases/v0.48.0/k6-v0.48.0-checksums.txt': "${sha256}  ${archive.name}\n".getBytes('UTF-8')]

def requests = new ConcurrentHashMap<String, Integer>()
def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
server.createContext('/') { exchange ->
    def path = exchange.requestURI.path
    requests.merge(path, 1, Integer::sum)
    def body = files[path]
    exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length)
    if (body != null) {
        exchange.responseBody.write(body)
    }
    exchange.close()
}
server.start()
def stopper = new Timer('k6-release-server-stop', true)
stopper.schedule({ server.stop(0) } as TimerTask, 5 * 60 * 1000L)
return [server: server, requests: requests, archive: archive.name,
        downloadUrl: "http://127.0.0.1:${server.address.port}/releases".toString()]
