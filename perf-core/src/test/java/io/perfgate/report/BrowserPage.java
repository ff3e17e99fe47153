package io.perfgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One tab of {@link HeadlessChromium} with a page loaded, and what the browser reported while loading
 * it: console messages, uncaught exceptions, Content-Security-Policy violations and other DevTools issues,
 * and every request.
 */
final class BrowserPage implements AutoCloseable {

    /** A console message or browser log entry of level warning or error. */
    record ConsoleMessage(String level, String source, String text) {
    }

    private final DevToolsConnection devTools;
    private final String targetId;
    private final String sessionId;
    private final Duration timeout;
    /** Per navigation (loader id): whether its document has loaded. */
    private final Map<String, CompletableFuture<Void>> loads = new ConcurrentHashMap<>();
    private final List<ConsoleMessage> console = new ArrayList<>();
    private final List<String> exceptions = new ArrayList<>();
    private final List<String> cspViolations = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> issues = new ArrayList<>();

    private BrowserPage(DevToolsConnection devTools, String targetId, String sessionId, Duration timeout) {
        this.devTools = devTools;
        this.targetId = targetId;
        this.sessionId = sessionId;
        this.timeout = timeout;
    }

    static BrowserPage open(DevToolsConnection devTools, URI url, boolean bypassCsp, Duration timeout)
            throws IOException {
        String targetId = devTools.call("Target.createTarget", DevToolsConnection.params().put("url", "about:blank"))
                .path("targetId").asText();
        String sessionId = devTools.call("Target.attachToTarget",
                DevToolsConnection.params().put("targetId", targetId).put("flatten", true)).path("sessionId").asText();
        BrowserPage page = new BrowserPage(devTools, targetId, sessionId, timeout);
        try {
            page.load(url, bypassCsp);
            return page;
        } catch (IOException | RuntimeException e) {
            page.close();
            throw e;
        }
    }

    private void load(URI url, boolean bypassCsp) throws IOException {
        devTools.listen(sessionId, this::onEvent);
        for (String domain : List.of("Runtime", "Log", "Network", "Page", "Audits")) {
            call(domain + ".enable", DevToolsConnection.params());
        }
        if (bypassCsp) {
            call("Page.setBypassCSP", DevToolsConnection.params().put("enabled", true));
        }
        call("Page.setLifecycleEventsEnabled", DevToolsConnection.params().put("enabled", true));
        JsonNode navigation = call("Page.navigate", DevToolsConnection.params().put("url", url.toString()));
        if (navigation.hasNonNull("errorText")) {
            throw new IOException("cannot open " + url + ": " + navigation.get("errorText").asText());
        }
        try {
            loadOf(navigation.path("loaderId").asText()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(url + " did not finish loading within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(url + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading " + url, e);
        }
        // Two frames later the page has been laid out and painted; events sent before are in by then.
        evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))");
    }

    private synchronized void onEvent(JsonNode event) {
        JsonNode params = event.path("params");
        switch (event.path("method").asText()) {
            case "Page.lifecycleEvent" -> {
                if (params.path("name").asText().equals("load")) {
                    loadOf(params.path("loaderId").asText()).complete(null);
                }
            }
            case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
            case "Runtime.exceptionThrown" -> {
                JsonNode details = params.path("exceptionDetails");
                exceptions.add(details.path("text").asText() + " "
                        + details.path("exception").path("description").asText(""));
            }
            case "Runtime.consoleAPICalled" -> {
                String level = params.path("type").asText();
                if (List.of("error", "warning", "assert").contains(level)) {
                    List<String> args = new ArrayList<>();
                    params.path("args").forEach(arg -> args.add(arg.has("value") ? arg.get("value").asText()
                            : arg.path("description").asText()));
                    console.add(new ConsoleMessage(level, "console-api", String.join(" ", args)));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                String level = entry.path("level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    console.add(new ConsoleMessage(level, entry.path("source").asText(), entry.path("text").asText()));
                }
                if (entry.path("text").asText().toLowerCase(Locale.ROOT).contains("content security policy")) {
                    cspViolations.add(entry.path("text").asText());
                }
            }
            case "Audits.issueAdded" -> {
                JsonNode issue = params.path("issue");
                issues.add(issue.path("code").asText() + " " + issue.path("details"));
                if (issue.path("code").asText().equals("ContentSecurityPolicyIssue")) {
                    JsonNode details = issue.path("details").path("contentSecurityPolicyIssueDetails");
                    cspViolations.add(details.path("contentSecurityPolicyViolationType").asText() + " of "
                            + details.path("violatedDirective").asText() + " by "
                            + details.path("blockedURL").asText("inline content"));
                }
            }
            default -> {
                // other events say nothing about whether the page is sound
            }
        }
    }

    /** The load of one navigation, whichever comes first: the browser's event or the wait for it. */
    private CompletableFuture<Void> loadOf(String loaderId) {
        return loads.computeIfAbsent(loaderId, id -> new CompletableFuture<>());
    }

    /** The value of a JavaScript expression (a promise is awaited), as JSON. */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode result = call("Runtime.evaluate", DevToolsConnection.params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("the page's check threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page, not only the window, written to {@code file}. */
    void screenshot(Path file) throws IOException {
        JsonNode size = call("Page.getLayoutMetrics", DevToolsConnection.params()).path("cssContentSize");
        ObjectNode clip = DevToolsConnection.params().put("x", 0).put("y", 0)
                .put("width", Math.ceil(size.path("width").asDouble()))
                .put("height", Math.ceil(size.path("height").asDouble())).put("scale", 1);
        ObjectNode params = DevToolsConnection.params().put("format", "png").put("captureBeyondViewport", true)
                .put("optimizeForSpeed", true);
        params.set("clip", clip);
        String data = call("Page.captureScreenshot", params).path("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    synchronized List<ConsoleMessage> console() {
        return List.copyOf(console);
    }

    synchronized List<String> exceptions() {
        return List.copyOf(exceptions);
    }

    synchronized List<String> cspViolations() {
        return List.copyOf(cspViolations);
    }

    /**
     * What the DevTools Issues panel would list: CSP violations, quirks mode, deprecated features and
     * the like, each as its code and details.
     */
    synchronized List<String> issues() {
        return List.copyOf(issues);
    }

    /** The URL of every request the page made, its own document first. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private JsonNode call(String method, ObjectNode params) throws IOException {
        return devTools.call(sessionId, method, params);
    }

    @Override
    public void close() throws IOException {
        devTools.forget(sessionId);
        devTools.call("Target.closeTarget", DevToolsConnection.params().put("targetId", targetId));
    }
}
