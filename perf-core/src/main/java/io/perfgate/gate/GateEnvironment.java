package io.perfgate.gate;

import io.perfgate.diag.OptionSpelling;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter gives the gate besides its settings: the CI's environment variables (for the run's
 * identity and credentials), its secret store, a clock, and how it spells options in messages.
 *
 * @param variables the environment variables of the build, e.g. {@code BRANCH_NAME}, {@code CHANGE_TARGET}
 * @param secrets   looks up credentials by reference
 * @param clock     stamps the run and the report
 * @param spelling  how the adapter's users write each option
 */
public record GateEnvironment(Map<String, String> variables, SecretLookup secrets, Clock clock,
        OptionSpelling spelling) {

    public GateEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(spelling, "spelling");
    }

    /** The process's own environment, no secret store, the system clock and the neutral option keys. */
    public static GateEnvironment ofProcess() {
        return new GateEnvironment(System.getenv(), SecretLookup.NONE, Clock.systemUTC(), OptionSpelling.KEYS);
    }
}
