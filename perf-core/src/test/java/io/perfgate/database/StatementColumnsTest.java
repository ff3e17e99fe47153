package io.perfgate.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementColumnsTest {

    @ParameterizedTest(name = "pg_stat_statements {0}")
    @CsvSource({
        // version, total, mean, max, toplevel, info, stats_since
        "1.4,  total_time,      mean_time,      max_time,      false, false, false",
        "1.7,  total_time,      mean_time,      max_time,      false, false, false",
        "1.8,  total_exec_time, mean_exec_time, max_exec_time, false, false, false",
        "1.9,  total_exec_time, mean_exec_time, max_exec_time, true,  true,  false",
        "1.10, total_exec_time, mean_exec_time, max_exec_time, true,  true,  false",
        "1.11, total_exec_time, mean_exec_time, max_exec_time, true,  true,  true",
        "1.12, total_exec_time, mean_exec_time, max_exec_time, true,  true,  true",
        "2.0,  total_exec_time, mean_exec_time, max_exec_time, true,  true,  true",
    })
    void shouldChooseTheColumnsOfTheInstalledVersion(String version, String total, String mean, String max,
            boolean topLevel, boolean info, boolean statsSince) {
        StatementColumns columns = StatementColumns.forExtensionVersion(version);

        assertThat(columns.totalTime()).isEqualTo(total);
        assertThat(columns.meanTime()).isEqualTo(mean);
        assertThat(columns.maxTime()).isEqualTo(max);
        assertThat(columns.hasTopLevel()).isEqualTo(topLevel);
        assertThat(columns.hasInfo()).isEqualTo(info);
        assertThat(columns.hasStatsSince()).isEqualTo(statsSince);
        assertThat(columns.selectSql("public")).contains("s." + total + ", s." + mean + ", s." + max)
                .contains(topLevel ? "s.toplevel" : "s.queryid, true,")
                .contains(statsSince ? "s.stats_since" : "NULL FROM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.0", "0.9", "1", "1.x", "", "1.2.3"})
    void shouldRefuseVersionsItCannotRead(String version) {
        assertThatThrownBy(() -> StatementColumns.forExtensionVersion(version))
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.UNSUPPORTED_VERSION))
                .hasMessage("pg_stat_statements version " + version + " is not supported; perfgate reads 1.4 "
                        + "(PostgreSQL 9.6) and later. Update it with ALTER EXTENSION pg_stat_statements UPDATE;");
    }

    @Test
    void shouldQuoteTheSchemaAndTakeTheDatabaseAsAParameter() {
        StatementColumns columns = StatementColumns.forExtensionVersion("1.11");

        assertThat(columns.selectSql("my \"odd\" schema"))
                .startsWith(StatementColumns.MARKER + " SELECT ")
                .contains(" FROM \"my \"\"odd\"\" schema\".pg_stat_statements s ")
                .endsWith("WHERE s.dbid = ?");
        assertThat(columns.infoSql("ext")).isEqualTo(StatementColumns.MARKER
                + " SELECT stats_reset, dealloc FROM \"ext\".pg_stat_statements_info");
    }
}
