package io.perfgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Chrome DevTools Protocol connection to a browser over its WebSocket: commands go out with an id
 * and wait for the answer with that id; events are handed to the listener of the page session they
 * belong to (flattened sessions, so one socket serves the browser and all its pages). Every wait is
 * bounded, so a browser that hangs fails the test instead of stalling the build.
 */
final class DevToolsConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> sessions = new ConcurrentHashMap<>();
    private final Object sending = new Object();
    private final WebSocket socket;

    private DevToolsConnection(URI endpoint, Duration timeout) throws IOException {
        this.timeout = timeout;
        this.socket = await(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(endpoint, new Receiver()), "connecting to " + endpoint);
    }

    static DevToolsConnection open(URI endpoint, Duration timeout) throws IOException {
        return new DevToolsConnection(endpoint, timeout);
    }

    /** Hands the events of {@code sessionId} to {@code listener} (each event whole: method and params). */
    void listen(String sessionId, Consumer<JsonNode> listener) {
        sessions.put(sessionId, listener);
    }

    void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    /** A command to the browser itself. */
    JsonNode call(String method, ObjectNode params) throws IOException {
        return call(null, method, params);
    }

    /**
     * Sends a command, to a page session or (for a null {@code sessionId}) to the browser, and returns
     * its result.
     *
     * @throws IOException when the browser answers with an error, closes the connection, or does not
     *                     answer in time
     */
    JsonNode call(String sessionId, String method, ObjectNode params) throws IOException {
        int id = nextId.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            command.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (sending) { // a WebSocket takes one message at a time
                await(socket.sendText(JSON.writeValueAsString(command), true), "sending " + method);
            }
            JsonNode response = await(answer, method);
            if (response.has("error")) {
                throw new IOException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } finally {
            pending.remove(id);
        }
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the browser did not answer " + what + " within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what, e);
        }
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            failAll(new IOException("the browser sent something that is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        Consumer<JsonNode> listener = sessions.get(message.path("sessionId").asText(""));
        if (listener != null) {
            listener.accept(message);
        }
    }

    private void failAll(Throwable cause) {
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }

    @Override
    public void close() {
        socket.abort();
        failAll(new IOException("the DevTools connection was closed"));
    }

    /** Joins the parts of each message (a screenshot arrives in many) and dispatches it whole. */
    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String whole = message.toString();
                message.setLength(0);
                dispatch(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("the browser closed the DevTools connection (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }
    }
}
