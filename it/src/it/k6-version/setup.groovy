// A k6 release download site on 127.0.0.1 whose archive holds the k6 stand-in (../k6-release-server.groovy).
// verify.groovy stops the server.
binding.setVariable('k6Binary', new File(itTools, 'k6-standin/k6').bytes)
def release = evaluate(new File(itSources, 'k6-release-server.groovy'))
System.properties.put('perfgate.k6version.server', release.server)
System.properties.put('perfgate.k6version.requests', release.requests)
System.properties.put('perfgate.k6version.archive', release.archive)

def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
new File(mvn, 'maven.config').text = "-Dk6.downloads=${release.downloadUrl}\n"
return true
