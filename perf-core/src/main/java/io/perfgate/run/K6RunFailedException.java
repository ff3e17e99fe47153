package io.perfgate.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * k6 ran but failed or timed out; its run is recorded in {@code k6-run.json} beside what it left, so the
 * gate can fail the build in {@code verify}, after the application's teardown, as failsafe does.
 */
public class K6RunFailedException extends K6RunException {

    private static final long serialVersionUID = 1L;

    private final transient Path runFolder;

    public K6RunFailedException(String message, Path runFolder) {
        super(message);
        this.runFolder = Objects.requireNonNull(runFolder, "runFolder");
    }

    /** The folder whose {@code k6-run.json} records the failed run. */
    public Path runFolder() {
        return runFolder;
    }
}
