package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads one results file in a process of its own, for {@link RecordBoundTest}: started with a small heap,
 * it shows what a reader needs. Prints {@code read <samples>} or {@code refused <message>}; an
 * OutOfMemoryError ends it with a stack trace and a non-zero exit.
 * Arguments: the file.
 */
public final class ReadInAnotherProcess {

    private ReadInAnotherProcess() {
    }

    public static void main(String[] args) {
        try {
            IngestedResults results = ResultIngest.read(List.of(Path.of(args[0])), Set.of(), new Diagnostics());
            System.out.println("read " + results.sources().get(0).samples());
        } catch (BadInputException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}
