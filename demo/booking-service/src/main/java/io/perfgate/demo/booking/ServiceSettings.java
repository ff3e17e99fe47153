package io.perfgate.demo.booking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the service runs, from system properties ({@code -Ddemo.slowdown=1.5}) or, where none is given,
 * environment variables ({@code DEMO_SLOWDOWN=1.5}).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>demo.http.port</td><td>DEMO_HTTP_PORT</td><td>0 (any free)</td><td>the API's port on 127.0.0.1</td></tr>
 *   <tr><td>demo.db.port</td><td>DEMO_DB_PORT</td><td>0 (any free)</td><td>PostgreSQL's port on 127.0.0.1</td></tr>
 *   <tr><td>demo.db.password</td><td>DEMO_DB_PASSWORD</td><td>random</td><td>password of the role
 *       {@code perfgate}, which may read every statement's statistics</td></tr>
 *   <tr><td>demo.nplusone</td><td>DEMO_NPLUSONE</td><td>false</td><td>room bookings load each guest with
 *       a query of its own instead of a join</td></tr>
 *   <tr><td>demo.dropIndex</td><td>DEMO_DROP_INDEX</td><td>false</td><td>the index that finds a guest's
 *       bookings is dropped once the database is filled, so they are read by scanning all bookings</td></tr>
 *   <tr><td>demo.slowdown</td><td>DEMO_SLOWDOWN</td><td>1.0</td><td>each response takes this many times
 *       its real handling time (1.5 = 50 % slower)</td></tr>
 *   <tr><td>demo.idleTimeout</td><td>DEMO_IDLE_TIMEOUT</td><td>120s</td><td>stops after this long without
 *       a request</td></tr>
 *   <tr><td>demo.maxLifetime</td><td>DEMO_MAX_LIFETIME</td><td>15m</td><td>stops after this long in any case</td></tr>
 *   <tr><td>demo.watchParent</td><td>DEMO_WATCH_PARENT</td><td>true</td><td>stops when the process that
 *       started it (the Maven build) ends</td></tr>
 *   <tr><td>demo.warmUpRounds</td><td>DEMO_WARM_UP_ROUNDS</td><td>40</td><td>rounds of four GET requests
 *       the service sends itself before it is ready</td></tr>
 *   <tr><td>demo.logFile</td><td>DEMO_LOG_FILE</td><td>none</td><td>where the service writes what it
 *       prints, instead of its standard output</td></tr>
 *   <tr><td>demo.stateFile</td><td>DEMO_STATE_FILE</td><td>none</td><td>where the process id, address and
 *       stop token are written for {@link ServiceControl}</td></tr>
 * </table>
 *
 * @param httpPort         the API's port, 0 for any free one
 * @param databasePort     PostgreSQL's port, 0 for any free one
 * @param readerPassword   password of the statistics reader role {@code perfgate}
 * @param nPlusOne         whether the room bookings endpoint queries each booking's guest on its own
 * @param slowdown         factor on each response's handling time, at least 1
 * @param idleTimeout      how long the service waits for a request before it stops
 * @param maxLifetime      how long the service runs at most
 * @param watchParent      whether the service stops when its parent process ends
 * @param warmUpRounds     rounds of requests the service sends itself before it is ready, 0 for none
 * @param stateFile        where the running service describes itself, if anywhere
 * @param logFile          where the service writes its output, if not to its standard output
 * @param dropIndex        whether the index that finds a guest's bookings is dropped
 */
public record ServiceSettings(int httpPort, int databasePort, String readerPassword, boolean nPlusOne,
        double slowdown, Duration idleTimeout, Duration maxLifetime, boolean watchParent, int warmUpRounds,
        Optional<Path> stateFile, Optional<Path> logFile, boolean dropIndex) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    /** Beyond this a "slowdown" is a typo, and the response would time out anyway. */
    private static final double MAX_SLOWDOWN = 100;
    private static final int MAX_WARM_UP_ROUNDS = 10_000;
    static final int DEFAULT_WARM_UP_ROUNDS = 40;

    public ServiceSettings {
        requirePort("demo.http.port", httpPort);
        requirePort("demo.db.port", databasePort);
        Objects.requireNonNull(readerPassword, "readerPassword");
        if (readerPassword.isEmpty()) {
            throw new IllegalArgumentException("demo.db.password must not be empty");
        }
        if (!(slowdown >= 1 && slowdown <= MAX_SLOWDOWN)) {
            throw new IllegalArgumentException("demo.slowdown must be a factor from 1 (no slowdown) to "
                    + (int) MAX_SLOWDOWN + ", e.g. 1.5 for 50 % slower, not " + slowdown);
        }
        requirePositive("demo.idleTimeout", idleTimeout);
        requirePositive("demo.maxLifetime", maxLifetime);
        if (warmUpRounds < 0 || warmUpRounds > MAX_WARM_UP_ROUNDS) {
            throw new IllegalArgumentException("demo.warmUpRounds must be 0 to " + MAX_WARM_UP_ROUNDS + ", not "
                    + warmUpRounds);
        }
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(logFile, "logFile");
    }

    /** Any free ports, a random password, no switches, the default time limits and warm-up. */
    public static ServiceSettings defaults() {
        return new ServiceSettings(0, 0, UUID.randomUUID().toString(), false, 1.0, Duration.ofSeconds(120),
                Duration.ofMinutes(15), true, DEFAULT_WARM_UP_ROUNDS, Optional.empty(), Optional.empty(), false);
    }

    /**
     * The settings from system properties, each falling back to its environment variable.
     *
     * @throws IllegalArgumentException naming the property and what it accepts
     */
    public static ServiceSettings from(Map<String, String> properties, Map<String, String> environment) {
        Function<String, Optional<String>> value = name -> value(properties, environment, name);
        ServiceSettings defaults = defaults();
        return new ServiceSettings(
                value.apply("demo.http.port").map(text -> integer("demo.http.port", text)).orElse(0),
                value.apply("demo.db.port").map(text -> integer("demo.db.port", text)).orElse(0),
                value.apply("demo.db.password").orElse(defaults.readerPassword()),
                value.apply("demo.nplusone").map(text -> bool("demo.nplusone", text)).orElse(false),
                value.apply("demo.slowdown").map(text -> decimal("demo.slowdown", text)).orElse(1.0),
                value.apply("demo.idleTimeout").map(text -> duration("demo.idleTimeout", text))
                        .orElse(defaults.idleTimeout()),
                value.apply("demo.maxLifetime").map(text -> duration("demo.maxLifetime", text))
                        .orElse(defaults.maxLifetime()),
                value.apply("demo.watchParent").map(text -> bool("demo.watchParent", text)).orElse(true),
                value.apply("demo.warmUpRounds").map(text -> integer("demo.warmUpRounds", text))
                        .orElse(DEFAULT_WARM_UP_ROUNDS),
                value.apply("demo.stateFile").map(Path::of),
                logFile(properties, environment),
                value.apply("demo.dropIndex").map(text -> bool("demo.dropIndex", text)).orElse(false));
    }

    /** {@code demo.logFile} alone, so that even a message about a wrong setting goes there. */
    public static Optional<Path> logFile(Map<String, String> properties, Map<String, String> environment) {
        return value(properties, environment, "demo.logFile").map(Path::of);
    }

    private static Optional<String> value(Map<String, String> properties, Map<String, String> environment,
            String name) {
        String property = properties.get(name);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.strip());
        }
        String variable = environment.get(variableName(name));
        return variable == null || variable.isBlank() ? Optional.empty() : Optional.of(variable.strip());
    }

    public ServiceSettings withWarmUpRounds(int rounds) {
        return new ServiceSettings(httpPort, databasePort, readerPassword, nPlusOne, slowdown, idleTimeout, maxLifetime,
                watchParent, rounds, stateFile, logFile, dropIndex);
    }

    /** {@code demo.idleTimeout} is {@code DEMO_IDLE_TIMEOUT}. */
    static String variableName(String property) {
        return property.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ServiceSettings[httpPort=" + httpPort + ", databasePort=" + databasePort + ", nPlusOne=" + nPlusOne
                + ", dropIndex=" + dropIndex + ", slowdown=" + slowdown + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime
                + ", watchParent=" + watchParent + ", warmUpRounds=" + warmUpRounds + ", stateFile="
                + stateFile.map(Path::toString).orElse("none") + ", logFile=" + logFile.map(Path::toString).orElse("none")
                + "]";
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'", e);
        }
    }

    private static double decimal(String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number such as 1.5, not '" + text + "'", e);
        }
    }

    private static boolean bool(String name, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
        };
    }

    /** {@code 120}, {@code 120s}, {@code 2m} or {@code 500ms}; a bare number is seconds. */
    private static Duration duration(String name, String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 90s, 2m or 500ms, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a port from 1 to 65535, or 0 for any free one, not "
                    + port);
        }
    }

    private static void requirePositive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, not " + duration);
        }
    }
}
