package io.perfgate.demo.booking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What the Maven build does with the service it started in the background (exec-maven-plugin's
 * {@code exec:java} runs it inside the build):
 *
 * <pre>
 * await STATE_FILE URL LOG_FILE   waits until the service at URL answers /health; fails, with the end of
 *                                 its log, when it ends first or is not ready within two minutes
 * stop  STATE_FILE URL LOG_FILE   asks it to stop and waits until its process has ended, PostgreSQL
 *                                 with it; terminates it if it does not end within a minute
 * </pre>
 *
 * The state file is the one the service writes ({@link ServiceState}); a state file of another address
 * is one left by an earlier build and is not looked at.
 */
public final class ServiceControl {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** A JVM that has not even written its state file by then did not start. */
    static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_LINES = 40;

    private final Path stateFile;
    private final URI url;
    private final Path logFile;
    private final Consumer<String> out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServiceControl(Path stateFile, URI url, Path logFile, Consumer<String> out) {
        this.stateFile = stateFile;
        this.url = url;
        this.logFile = logFile;
        this.out = out;
    }

    /**
     * @throws IllegalStateException when the service could not be awaited or stopped; exec:java fails the
     *                               build with its message
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4 || !List.of("await", "stop").contains(args[0])) {
            throw new IllegalArgumentException("usage: ServiceControl await|stop STATE_FILE URL LOG_FILE");
        }
        ServiceControl control = new ServiceControl(Path.of(args[1]), URI.create(args[2]), Path.of(args[3]),
                System.out::println);
        if (args[0].equals("await")) {
            control.awaitReady(READY_TIMEOUT);
        } else {
            control.stop(STOP_TIMEOUT);
        }
    }

    /**
     * Waits until the service at the URL is ready and answers {@code /health}.
     *
     * @throws IllegalStateException when it ended first, or the time ran out
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Optional<ServiceState> state = currentState();
            long elapsed = System.nanoTime() - start;
            if (state.isPresent()) {
                Optional<ProcessHandle> process = ProcessHandle.of(state.get().pid()).filter(ProcessHandle::isAlive);
                if (process.isEmpty()) {
                    throw failure("the booking service (process " + state.get().pid() + ") ended before it was ready");
                }
                if (state.get().ready() && healthy()) {
                    out.accept("booking-service: ready at " + url + " (process " + state.get().pid() + ", log "
                            + logFile + ")");
                    return;
                }
            } else if (elapsed > LAUNCH_TIMEOUT.toNanos()) {
                throw failure("the booking service did not start: no state file for " + url + " in " + stateFile
                        + " after " + LAUNCH_TIMEOUT.toSeconds() + " s");
            }
            if (System.nanoTime() > deadline) {
                throw failure("the booking service was not ready at " + url + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Asks the service to stop and waits until its process has ended; terminates it when it does not end
     * in time. Nothing to stop (no state file of this URL) is only reported.
     */
    void stop(Duration timeout) throws InterruptedException {
        Optional<ServiceState> state = currentState();
        if (state.isEmpty()) {
            out.accept("booking-service: nothing to stop at " + url + " (it stopped by itself; see " + logFile + ")");
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(state.get().pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            out.accept("booking-service: process " + state.get().pid() + " has already ended");
            return;
        }
        String answer = requestStop(state.get());
        out.accept("booking-service: stop requested (" + answer + ")");
        if (awaitExit(process.get(), timeout)) {
            out.accept("booking-service: stopped, PostgreSQL with it (log " + logFile + ")");
            return;
        }
        out.accept("booking-service: process " + state.get().pid() + " did not end within " + timeout.toSeconds()
                + " s; terminating it");
        process.get().destroy();
        if (!awaitExit(process.get(), Duration.ofSeconds(15))) {
            process.get().destroyForcibly();
            throw failure("the booking service (process " + state.get().pid() + ") had to be killed; its PostgreSQL"
                    + " may still run");
        }
    }

    /** The state file's state if it is about this URL. */
    private Optional<ServiceState> currentState() {
        return ServiceState.read(stateFile).filter(state -> state.url().equals(url.toString()));
    }

    private boolean healthy() {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(2)).GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The service's answer, or why there was none; the process is waited for either way. */
    private String requestStop(ServiceState state) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(BookingServer.STOP_PATH))
                .timeout(Duration.ofSeconds(10))
                .header(BookingServer.STOP_TOKEN_HEADER, state.stopToken())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + logTail());
    }

    /** The end of the service's log, so the build's output says why. */
    private String logTail() {
        if (!Files.isRegularFile(logFile)) {
            return "; there is no log at " + logFile;
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            return "; the end of its log " + logFile + ":" + System.lineSeparator()
                    + String.join(System.lineSeparator(), tail);
        } catch (IOException | UncheckedIOException e) {
            return "; its log " + logFile + " cannot be read: " + e.getMessage();
        }
    }
}
