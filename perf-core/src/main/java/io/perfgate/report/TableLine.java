package io.perfgate.report;

import io.perfgate.model.Verdict;
import java.util.Objects;

/**
 * One line of the console verdict table, with the verdict whose level it should be logged at, so a
 * console can colour or route it without reading the text back.
 */
public record TableLine(Verdict verdict, String text) {

    public TableLine {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(text, "text");
    }
}
