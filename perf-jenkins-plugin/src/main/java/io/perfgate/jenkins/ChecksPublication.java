package io.perfgate.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksAnnotation.ChecksAnnotationBuilder;
import io.jenkins.plugins.checks.api.ChecksAnnotation.ChecksAnnotationLevel;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksDetails.ChecksDetailsBuilder;
import io.jenkins.plugins.checks.api.ChecksOutput.ChecksOutputBuilder;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.perfgate.model.GateReport;
import io.perfgate.publish.ChecksOptions;
import io.perfgate.publish.ChecksReport;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The gate's result as an SCM check (a GitHub check run, a GitLab pipeline status, ...) through the
 * Checks API: perf-core's {@link ChecksReport} carried over into the Checks API's model, with an
 * annotation on the budget file for each failed or warning line.
 */
final class ChecksPublication {

    private ChecksPublication() {
    }

    /**
     * @param name                   the check's name, e.g. {@code perfgate}
     * @param budgetPathInRepository the budget file as the repository names it, for the annotations
     */
    static ChecksDetails details(GateReport report, String name, String budgetPathInRepository) {
        ChecksReport checks = ChecksReport.of(report, new ChecksOptions(name, budgetPathInRepository));
        ChecksOutputBuilder output = new ChecksOutputBuilder()
                .withTitle(checks.title())
                .withSummary(checks.summary())
                .withText(checks.text());
        for (var annotation : checks.annotations()) {
            ChecksAnnotationBuilder builder = new ChecksAnnotationBuilder()
                    .withPath(annotation.path())
                    .withStartLine(annotation.startLine())
                    .withEndLine(annotation.endLine())
                    .withAnnotationLevel(ChecksAnnotationLevel.valueOf(annotation.level().name()))
                    .withTitle(annotation.title())
                    .withMessage(annotation.message());
            // GitHub takes columns only for an annotation on a single line
            if (annotation.column() > 0 && annotation.startLine() == annotation.endLine()) {
                builder.withStartColumn(annotation.column()).withEndColumn(annotation.column());
            }
            output.addAnnotation(builder.build());
        }
        return new ChecksDetailsBuilder()
                .withName(checks.name())
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(ChecksConclusion.valueOf(checks.conclusion().name()))
                .withCompletedAt(LocalDateTime.now(ZoneOffset.UTC))
                .withOutput(output.build())
                .build();
    }

    /**
     * A failed check for a gate that produced no report (a path outside the workspace, an unknown mode, a
     * missing credential), so the pull request does not wait for a check that never comes.
     */
    static ChecksDetails failure(String name, String message) {
        return new ChecksDetailsBuilder()
                .withName(new ChecksOptions(name, "").name())
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(ChecksConclusion.FAILURE)
                .withCompletedAt(LocalDateTime.now(ZoneOffset.UTC))
                .withOutput(new ChecksOutputBuilder()
                        .withTitle("perfgate could not run")
                        .withSummary(message)
                        .build())
                .build();
    }

    /** Publishes through whichever Checks API implementation the job's SCM has; none is a no-op. */
    static void publish(Run<?, ?> run, TaskListener listener, ChecksDetails details) {
        ChecksPublisherFactory.fromRun(run, listener).publish(details);
    }
}
