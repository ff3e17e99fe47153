package io.perfgate.publish;

import io.perfgate.model.GateReport;

/**
 * One build of a job for {@link BuildTrend}: its number, its name as the CI server shows it and the gate
 * report it kept.
 *
 * @param buildNumber the build's number, which orders the builds
 * @param buildName   e.g. {@code #1234} or a name the job gave the build; {@code #} and the number when
 *                    null or blank
 * @param report      the build's gate report; null for a build that kept none (it stopped before the gate,
 *                    or its report could not be read), which the chart shows as a gap
 */
public record BuildReport(int buildNumber, String buildName, GateReport report) {

    public BuildReport {
        buildName = buildName == null || buildName.isBlank() ? "#" + buildNumber : buildName;
    }

    /** A build that kept no gate report. */
    public static BuildReport withoutReport(int buildNumber, String buildName) {
        return new BuildReport(buildNumber, buildName, null);
    }

    public boolean hasReport() {
        return report != null;
    }
}
