package dev.lector.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake of the OpenAI chat-completions protocol for tests: {@code POST /v1/chat/completions}
 * and {@code GET /v1/models} on 127.0.0.1 (a free port). It checks the shape of every request
 * (path, model, one user message with an {@code image_url} part holding a base64 {@code data:}
 * URI and a {@code text} part), records it (see {@link Request}) and answers with the next
 * scripted {@link Reply}, or the default reply when the script is empty: a clean answer (as SSE
 * when the request streams, JSON when not), chunks, a line repeated until the client hangs up,
 * an error status with {@code Retry-After}, a stall, or raw bytes. No model runs.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request as received; {@code problem} is non-null when it broke the protocol (and got a 400/404). */
    public record Request(String method, String path, String authorization, JsonNode body, String model, String mediaType,
                          byte[] image, String prompt, String system, Double temperature, boolean stream, String problem) {}

    /** What to answer one chat request with. */
    public sealed interface Reply {}

    /** The whole answer: SSE in a few chunks when the request streams, else one JSON body; with usage. */
    public record Answer(String text) implements Reply {}

    /** SSE pieces as given, then {@code data: [DONE]} (when {@code done}). */
    public record Chunks(List<String> pieces, boolean done) implements Reply {}

    /** SSE: {@code prefix}, then {@code unit} again and again, at most {@code maxPieces} times (a bound for the test). */
    public record Repeat(String prefix, String unit, int maxPieces) implements Reply {}

    /** An error status with an OpenAI-style error body and, when non-null, {@code Retry-After}. */
    public record Status(int code, String retryAfter, String message) implements Reply {}

    /** Sends nothing for {@code delay} (or until the server closes); {@code afterHeaders}: sends 200 headers first. */
    public record Stall(Duration delay, boolean afterHeaders) implements Reply {}

    /** {@link Answer} after {@code delay}. */
    public record Slow(Duration delay, String text) implements Reply {}

    /** A body as it is, with a status and content type. */
    public record Raw(int code, String contentType, String body) implements Reply {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String model;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger repeatPiecesSent = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private volatile Function<Request, Reply> fallback;
    private volatile int modelsStatus = 200;

    public FakeOpenAiServer(String model) {
        this.model = model;
        this.fallback = r -> new Answer("");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public String model() {
        return model;
    }

    /** Queues replies for the next chat requests, in order. */
    public FakeOpenAiServer then(Reply... replies) {
        for (Reply r : replies) script.addLast(r);
        return this;
    }

    /** The reply when nothing is queued, chosen per request. */
    public FakeOpenAiServer otherwise(Function<Request, Reply> f) {
        this.fallback = f;
        return this;
    }

    /** The status {@code GET /v1/models} answers (200: the model list). */
    public void modelsStatus(int code) {
        this.modelsStatus = code;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Chat requests received so far. */
    public List<Request> chatRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    /** How many pieces of {@link Repeat} replies were written before the client hung up (or the bound). */
    public int repeatPiecesSent() {
        return repeatPiecesSent.get();
    }

    /** Chat requests being answered now (stalls included). */
    public int active() {
        return active.get();
    }

    /** The most chat requests answered at once so far. */
    public int maxActive() {
        return maxActive.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (ex.getRequestMethod().equals("GET") && path.equals("/v1/models")) {
                requests.add(new Request("GET", path, auth, null, null, null, null, null, null, null, false, null));
                if (modelsStatus != 200) {
                    send(ex, modelsStatus, "application/json", error("models are not available"));
                    return;
                }
                send(ex, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"" + model + "\",\"object\":\"model\"}]}");
                return;
            }
            if (!(ex.getRequestMethod().equals("POST") && path.equals("/v1/chat/completions"))) {
                requests.add(new Request(ex.getRequestMethod(), path, auth, null, null, null, null, null, null, null, false, "no such route"));
                send(ex, 404, "application/json", error("no route " + ex.getRequestMethod() + " " + path));
                return;
            }
            Request r = parse(path, auth, ex.getRequestBody().readAllBytes());
            requests.add(r);
            if (r.problem() != null) {
                send(ex, r.problem().startsWith("model") ? 404 : 400, "application/json", error(r.problem()));
                return;
            }
            Reply reply = script.pollFirst();
            if (reply == null) reply = fallback.apply(r);
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                reply(ex, r, reply);
            } finally {
                active.decrementAndGet();
            }
        } catch (IOException e) {
            // the client hung up: expected for stalls, repeats and timeouts
        }
    }

    private Request parse(String path, String auth, byte[] raw) {
        JsonNode body;
        try {
            body = MAPPER.readTree(raw);
        } catch (IOException e) {
            return new Request("POST", path, auth, null, null, null, null, null, null, null, false, "body is not JSON");
        }
        String m = body.path("model").asText(null);
        Double temperature = body.path("temperature").isNumber() ? body.get("temperature").asDouble() : null;
        boolean stream = body.path("stream").asBoolean(false);
        String system = null, mediaType = null, prompt = null, problem = null;
        byte[] image = null;
        int users = 0;
        for (JsonNode msg : body.path("messages")) {
            String role = msg.path("role").asText();
            if (role.equals("system")) system = msg.path("content").asText();
            if (!role.equals("user")) continue;
            users++;
            for (JsonNode part : msg.path("content")) {
                String type = part.path("type").asText();
                if (type.equals("text")) prompt = part.path("text").asText();
                if (type.equals("image_url")) {
                    String url = part.path("image_url").path("url").asText();
                    int comma = url.indexOf(',');
                    if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
                        problem = "image_url is not a base64 data: URI";
                        continue;
                    }
                    mediaType = url.substring(5, url.indexOf(';'));
                    try {
                        image = Base64.getDecoder().decode(url.substring(comma + 1));
                    } catch (IllegalArgumentException e) {
                        problem = "the data: URI's base64 does not decode";
                    }
                }
            }
        }
        if (problem == null && m == null) problem = "request has no model";
        if (problem == null && !m.equals(model)) problem = "model '" + m + "' does not exist";
        if (problem == null && users != 1) problem = "expected one user message, got " + users;
        if (problem == null && (image == null || prompt == null)) problem = "the user message needs an image_url part and a text part";
        return new Request("POST", path, auth, body, m, mediaType, image, prompt, system, temperature, stream, problem);
    }

    private void reply(HttpExchange ex, Request r, Reply reply) throws IOException {
        switch (reply) {
            case Answer a -> {
                if (r.stream()) {
                    List<String> pieces = new ArrayList<>();
                    String t = a.text();
                    for (int i = 0; i < t.length(); i += 7) pieces.add(t.substring(i, Math.min(t.length(), i + 7)));
                    sse(ex, pieces, true, true);
                } else {
                    ObjectNode root = MAPPER.createObjectNode().put("id", "fake-1").put("object", "chat.completion").put("model", model);
                    ObjectNode choice = root.putArray("choices").addObject();
                    choice.put("index", 0).put("finish_reason", "stop");
                    choice.putObject("message").put("role", "assistant").put("content", a.text());
                    root.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", Math.max(1, a.text().length() / 3));
                    send(ex, 200, "application/json", root.toString());
                }
            }
            case Chunks c -> sse(ex, c.pieces(), c.done(), false);
            case Repeat rp -> {
                ex.getResponseHeaders().set("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                writeEvent(out, delta(rp.prefix()));
                for (int i = 0; i < rp.maxPieces(); i++) {
                    writeEvent(out, delta(rp.unit()));
                    repeatPiecesSent.incrementAndGet();
                }
                writeEvent(out, "[DONE]");
            }
            case Status s -> {
                if (s.retryAfter() != null) ex.getResponseHeaders().set("Retry-After", s.retryAfter());
                send(ex, s.code(), "application/json", error(s.message()));
            }
            case Stall st -> {
                if (st.afterHeaders()) {
                    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
                    ex.sendResponseHeaders(200, 0);
                    ex.getResponseBody().flush();
                }
                try {
                    closed.await(st.delay().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case Raw raw -> send(ex, raw.code(), raw.contentType(), raw.body());
            case Slow sl -> {
                try {
                    closed.await(sl.delay().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(ex, r, new Answer(sl.text()));
            }
        }
    }

    private void sse(HttpExchange ex, List<String> pieces, boolean done, boolean usage) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        ObjectNode first = MAPPER.createObjectNode();
        first.putArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant").put("content", "");
        writeEvent(out, first.toString());
        for (String p : pieces) writeEvent(out, delta(p));
        if (done) {
            ObjectNode last = MAPPER.createObjectNode();
            last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            writeEvent(out, last.toString());
            if (usage) {
                ObjectNode u = MAPPER.createObjectNode();
                u.putArray("choices");
                u.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", pieces.size());
                writeEvent(out, u.toString());
            }
            writeEvent(out, "[DONE]");
        }
    }

    private static String delta(String piece) {
        ObjectNode n = MAPPER.createObjectNode().put("object", "chat.completion.chunk");
        n.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", piece);
        return n.toString();
    }

    private static void writeEvent(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String error(String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.putObject("error").put("message", message).put("type", "invalid_request_error");
        return n.toString();
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
    }
}
