package io.perfgate.gate;

import io.perfgate.diag.Option;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's settings cannot be used: a history location of an unknown kind, credentials that do not
 * exist. Adapters report it as a configuration error (a Maven build error, a failed Jenkins step), naming
 * the option in their own spelling.
 */
public class GateConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Option option;

    /** @param option the option at fault, or null when the problem is not one option's */
    public GateConfigurationException(Option option, String problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem"), cause);
        this.option = option;
    }

    public GateConfigurationException(Option option, String problem) {
        this(option, problem, null);
    }

    /** The option at fault, when one is. */
    public Optional<Option> option() {
        return Optional.ofNullable(option);
    }
}
