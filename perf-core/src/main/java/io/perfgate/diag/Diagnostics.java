package io.perfgate.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects messages; the caller forwards them to the Maven log or a Jenkins console, so the library
 * needs no logging framework. Thread-safe.
 */
public final class Diagnostics {

    private final List<Diagnostic> messages = new ArrayList<>();
    private final Consumer<Diagnostic> listener;

    public Diagnostics() {
        this(message -> { });
    }

    /** @param listener sees each message as it is added, e.g. to print it at once */
    public Diagnostics(Consumer<Diagnostic> listener) {
        this.listener = listener;
    }

    public void info(String text) {
        add(new Diagnostic(Diagnostic.Level.INFO, text));
    }

    public void warning(String text) {
        add(new Diagnostic(Diagnostic.Level.WARNING, text));
    }

    public void error(String text) {
        add(new Diagnostic(Diagnostic.Level.ERROR, text));
    }

    public void add(Diagnostic message) {
        synchronized (messages) {
            messages.add(message);
        }
        listener.accept(message);
    }

    public List<Diagnostic> all() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public boolean hasErrors() {
        return all().stream().anyMatch(message -> message.level() == Diagnostic.Level.ERROR);
    }
}
