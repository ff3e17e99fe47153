package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local FilePath runs the callable in place; an agent gets it serialized. What travels must survive
 * that: the options, the build's variables and the credentials, and the answer coming back.
 */
class AgentGateSerializationTest {

    @TempDir
    Path workspace;

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void theCallableAndItsAnswerCrossTheChannel() throws Exception {
        Workspaces.withResults(workspace, Workspaces.FAILING_BUDGET);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setFailOnViolation(false);
        options.setChecksName("performance");
        AgentGate sent = roundTrip(new AgentGate(options, Map.of("BUILD_TAG", "jenkins-shop-9"),
                new HistoryAccess("perf", "s3cret"), "shop", null));

        AgentResult answer = roundTrip(new FilePath(workspace.toFile()).act(sent));

        assertThat(answer.reportJson().orElseThrow()).contains("\"verdict\"");
        assertThat(answer.reportFiles()).hasSize(4);
        PerfGateRecorder received = roundTrip(options);
        assertThat(received.isFailOnViolation()).isFalse();
        assertThat(received.getChecksName()).isEqualTo("performance");
        assertThat(received.getResults()).isEqualTo("target/perf/**");
    }
}
