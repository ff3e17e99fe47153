package io.perfgate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium with no network, driven over the DevTools Protocol. Host names resolve nowhere
 * and every request that still gets out is sent to a proxy that does not exist, so a page that tries
 * to fetch anything shows it as a request (and a failed one) rather than quietly loading it. The
 * process and all its children are killed on {@link #close()}, and by a shutdown hook if the test JVM
 * ends first.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Longest wait for any one thing: the start, a command's answer, a page's load. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final int WINDOW_WIDTH = 1280;
    static final int WINDOW_HEIGHT = 900;

    private final Process process;
    private final Path profile;
    private final Thread killOnExit;
    private DevToolsConnection devTools;

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
        this.killOnExit = new Thread(this::kill, "kill headless chromium");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the browser with a fresh profile and connects to it. */
    static HeadlessChromium start(Path executable) throws IOException {
        Path profile = Files.createTempDirectory("perfgate-chromium-");
        Path log = profile.resolve("chromium.log");
        List<String> command = List.of(executable.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>", "--window-size=" + WINDOW_WIDTH + "," + WINDOW_HEIGHT,
                "--hide-scrollbars", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HeadlessChromium browser = new HeadlessChromium(process, profile);
        try {
            browser.devTools = DevToolsConnection.open(browser.endpoint(log), TIMEOUT);
            return browser;
        } catch (IOException | RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /**
     * The browser's DevTools address, from the {@code DevToolsActivePort} file it writes into its profile
     * once it listens: the port on the first line, the browser's path on the second.
     */
    private URI endpoint(Path log) throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("chromium ended with exit code " + process.exitValue() + " before it listened; "
                        + "its output:\n" + tail(log));
            }
            if (Files.isRegularFile(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(1).isBlank()) { // else it is still being written
                    return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for chromium to start", e);
            }
        }
        throw new IOException("chromium wrote no " + portFile + " within " + TIMEOUT.toSeconds() + " s; its output:\n"
                + tail(log));
    }

    /**
     * Opens {@code url} in a new tab and returns once it has loaded and been laid out and painted.
     *
     * @param bypassCsp whether the page's Content-Security-Policy is ignored, to see what the page's
     *                  markup alone would do
     */
    BrowserPage open(URI url, boolean bypassCsp) throws IOException {
        return BrowserPage.open(devTools, url, bypassCsp, TIMEOUT);
    }

    @Override
    public void close() {
        try {
            if (devTools != null) {
                devTools.close();
            }
        } finally {
            kill();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down, and the hook is running or has run
            }
            deleteProfile();
        }
    }

    /** Kills the browser and every process it started; the children first, while they are still its own. */
    private void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already, or will be reaped by init: nothing more a test can do
            }
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
