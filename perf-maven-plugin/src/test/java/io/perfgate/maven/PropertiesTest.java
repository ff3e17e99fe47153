package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.gate.GateSettings;
import io.perfgate.model.BuildResult;
import io.perfgate.run.K6Options;
import io.perfgate.run.RunRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code perf.*} properties users set with {@code -D}: each reaches the parameter it names. */
@MojoTest
class PropertiesTest {

    @Inject
    private MavenSession session;

    @BeforeEach
    void setUserProperties() {
        Properties properties = session.getUserProperties();
        properties.setProperty("perf.k6.executable", "/opt/k6/k6");
        properties.setProperty("perf.baseUrl", "http://staging:8080");
        properties.setProperty("perf.baseUrlVariable", "TARGET");
        properties.setProperty("perf.k6.timeout", "45s");
        properties.setProperty("perf.k6.repeat", "12");
        properties.setProperty("perf.k6.baselineUrl", "http://main:8080");
        properties.setProperty("perf.budgetFile", "/budgets/shop.yaml");
        properties.setProperty("perf.failOnViolation", "false");
        properties.setProperty("perf.failOnK6Thresholds", "false");
        properties.setProperty("perf.skip", "true");
        properties.setProperty("perf.k6.skip", "true");
        properties.setProperty("perf.check.skip", "true");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldConfigurePerfK6(K6Mojo mojo) throws Exception {
        K6Options options = mojo.options();

        assertThat(options.executable()).isEqualTo("/opt/k6/k6");
        assertThat(options.processEnvironment(RunRole.CANDIDATE)).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("TARGET", "http://staging:8080")));
        assertThat(options.processEnvironment(RunRole.BASELINE)).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("TARGET", "http://main:8080")));
        assertThat(options.repeat()).isEqualTo(12);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat((boolean) getVariableValueFromObject(mojo, "skip")).isTrue();
        assertThat((boolean) getVariableValueFromObject(mojo, "skipK6")).isTrue();
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldConfigurePerfCheck(CheckMojo mojo) throws Exception {
        GateSettings request = mojo.settings();

        assertThat(request.budgetFile()).isEqualTo(Path.of("/budgets/shop.yaml"));
        assertThat(request.failOnK6Thresholds()).isFalse();
        assertThat(request.resultFiles()).isEqualTo(List.of());
        assertThat((boolean) getVariableValueFromObject(mojo, "failOnViolation")).isFalse();
        assertThat(request.decisionPolicy().onFailure()).isEqualTo(BuildResult.UNSTABLE);
        assertThat((boolean) getVariableValueFromObject(mojo, "skip")).isTrue();
        assertThat((boolean) getVariableValueFromObject(mojo, "skipCheck")).isTrue();
    }
}
