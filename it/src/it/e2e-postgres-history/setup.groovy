// The run history's PostgreSQL, apart from the service's: a database the history role owns, on a port
// the build learns from .mvn/maven.config. verify.groovy stops it; the shutdown hook is for when it cannot.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

def server = EmbeddedPostgres.builder()
        .setServerConfig('listen_addresses', '127.0.0.1')
        .setServerConfig('unix_socket_directories', '')
        .start()
Runtime.runtime.addShutdownHook(new Thread({ server.close() }))
System.properties.put('perfgate.e2e.historyServer', server)
server.postgresDatabase.connection.withCloseable { connection ->
    connection.createStatement().withCloseable { statement ->
        statement.execute("CREATE ROLE perfgate_history LOGIN PASSWORD 'e2e-history-password'")
        statement.execute('CREATE DATABASE history OWNER perfgate_history')
    }
}
def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
new File(mvn, 'maven.config').text = "-Dhistory.port=${server.port}\n"
return true
