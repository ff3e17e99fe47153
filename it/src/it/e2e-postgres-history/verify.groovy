// The e2e-pass build with its history in PostgreSQL: the run is recorded there, with its verdict.
def server = System.properties.remove('perfgate.e2e.historyServer')
assert server : 'setup.groovy did not start the history PostgreSQL'
try {
    def log = new File(basedir, 'build.log').readLines()
    // a short message instead of the whole log when a line is missing
    def has = { String line -> assert log.contains(line) : "the build log lacks the line: $line" }

    has('[INFO] BUILD SUCCESS')
    has('[INFO] perfgate: PASSED - 3 passed (3 budget lines)')
    def spool = new File(basedir, 'target/history-spool').path
    def recordedLine = /\[INFO\] recorded run \S+ of main in PostgreSQL at 127\.0\.0\.1:${server.port}\/history/ +
            / \(spooling in ${java.util.regex.Pattern.quote(spool)}\)/
    def recorded = log.find { it ==~ recordedLine }
    assert recorded : 'the build log does not say the run was recorded in PostgreSQL'
    assert !log.any { it.startsWith('[WARNING]') && it.contains('could not be recorded') }
    // written straight away: nothing waits in the spool
    assert !new File(spool).exists() || new File(spool).list().length == 0
    def runId = (recorded =~ /recorded run (\S+) of main/)[0][1]

    // the row is there, as the history role sees it
    server.getDatabase('perfgate_history', 'history').connection.withCloseable { connection ->
        connection.prepareStatement('SELECT project, branch, verdict FROM perfgate_run WHERE run_id = ?').withCloseable { query ->
            query.setString(1, runId)
            query.executeQuery().withCloseable { rows ->
                assert rows.next() : "no row for run $runId in perfgate_run"
                assert rows.getString('project') == 'io.perfgate.it:e2e-postgres-history'
                assert rows.getString('branch') == 'main'
                assert rows.getString('verdict') == 'PASS'
                assert !rows.next()
            }
        }
    }
    // the service stopped, PostgreSQL with it, before the gate
    assert log.any { it.startsWith('booking-service: stopped, PostgreSQL with it') }
    assert !new File(basedir, 'target/booking-service.properties').exists()
} finally {
    server.close()
}
return true
