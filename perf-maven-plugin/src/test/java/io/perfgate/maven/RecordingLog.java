package io.perfgate.maven;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/** A Maven log that keeps every line as {@code [LEVEL] text}, the way Maven prints it. */
final class RecordingLog implements Log {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<String> listener = line -> { };

    /** Hands each line to {@code listener} as it is logged, e.g. to act at a given moment of a goal. */
    RecordingLog onEachLine(Consumer<String> listener) {
        this.listener = listener;
        return this;
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines logged at {@code level}, without the level. */
    List<String> at(String level) {
        String prefix = "[" + level + "] ";
        return lines().stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }

    private void add(String level, CharSequence content, Throwable error) {
        String text = content == null ? "" : content.toString();
        String line = "[" + level + "] " + (error == null ? text : text + " " + error);
        lines.add(line);
        listener.accept(line);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(CharSequence content) {
        add("DEBUG", content, null);
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        add("DEBUG", content, error);
    }

    @Override
    public void debug(Throwable error) {
        add("DEBUG", null, error);
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public void info(CharSequence content) {
        add("INFO", content, null);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        add("INFO", content, error);
    }

    @Override
    public void info(Throwable error) {
        add("INFO", null, error);
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public void warn(CharSequence content) {
        add("WARNING", content, null);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        add("WARNING", content, error);
    }

    @Override
    public void warn(Throwable error) {
        add("WARNING", null, error);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public void error(CharSequence content) {
        add("ERROR", content, null);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        add("ERROR", content, error);
    }

    @Override
    public void error(Throwable error) {
        add("ERROR", null, error);
    }
}
