package dev.lector.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of one OpenAI-compatible back end: {@code POST {base}/chat/completions} with the image
 * as a {@code data:} URI and the task's prompt, streamed as server-sent events by default.
 *
 * <p>Every call is bounded: {@link VlmConfig#connectTimeout()} per connection, the first piece of
 * the answer within {@link VlmConfig#firstTokenTimeout()}, the whole call (retries and their waits
 * included) within {@link VlmConfig#totalTimeout()}. A 429, 502 or 503 or a refused connection is
 * tried again up to {@link VlmConfig#retries()} times, after the server's {@code Retry-After}
 * (seconds or an HTTP date) or an exponential backoff with jitter. At most
 * {@link VlmConfig#maxConcurrent()} requests are sent at once; others wait for a slot within
 * their own timeout. While streaming, a {@link RepetitionGuard} and the token cap stop a runaway
 * answer and hang up. Thread-safe.
 */
public final class ChatClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ERROR_BODY_CHARS = 2048;
    private static final long STATUS_MAX_AGE_MS = 5000;
    private static final int GUARD_EVERY_CHARS = 64;

    private final VlmConfig config;
    private final HttpClient http;
    private final Semaphore slots;
    private final RepetitionGuard guard;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile BackendStatus status;
    private volatile String listedModel;

    public ChatClient(VlmConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.slots = new Semaphore(config.maxConcurrent(), true);
        this.guard = new RepetitionGuard(config.repeatMinRepeats());
        this.status = BackendStatus.unknown(config.model());
    }

    public VlmConfig config() {
        return config;
    }

    /** The model requests name: the configured one, else the first the back end listed (null before any request). */
    public String modelName() {
        return config.model() != null ? config.model() : listedModel;
    }

    /** Requests being sent or answered now. */
    public int inFlight() {
        return config.maxConcurrent() - slots.availablePermits();
    }

    /**
     * Asks the model: one user message with the image ({@code data:} URI) and {@code prompt}.
     *
     * @throws VlmException for every failure, with a one-line message
     */
    public Completion complete(String imageDataUri, String prompt) {
        try {
            Completion c = attempts(imageDataUri, prompt);
            BackendStatus s = status;
            if (!s.reachable()) status = new BackendStatus(true, modelName(), s.models(), null, System.currentTimeMillis());
            return c;
        } catch (VlmException e) {
            if (e.kind() == VlmException.Kind.UNREACHABLE) { // the latest evidence wins over the last probe
                status = new BackendStatus(false, modelName(), status.models(), e.getMessage(), System.currentTimeMillis());
            }
            throw e;
        }
    }

    private Completion attempts(String imageDataUri, String prompt) {
        long start = System.nanoTime();
        long deadline = start + config.totalTimeout().toNanos();
        String model = model(deadline);
        byte[] body = requestBody(model, imageDataUri, prompt);
        for (int attempt = 1; ; attempt++) {
            Retry retry;
            if (!acquire(deadline)) {
                throw new VlmException(VlmException.Kind.UNAVAILABLE, "all " + config.maxConcurrent()
                        + " request slots for the VLM back end stayed busy for the whole timeout of " + seconds(config.totalTimeout()));
            }
            try {
                Answer a = send(body, deadline);
                long tokensOut = a.completionTokens >= 0 ? a.completionTokens : a.pieces;
                return new Completion(a.text.toString(), a.finish, a.promptTokens, tokensOut, (System.nanoTime() - start) / 1e6, attempt);
            } catch (Retry r) {
                retry = r;
            } finally {
                slots.release();
            }
            if (attempt > config.retries()) {
                throw retry.failure(attempt == 1 ? "" : " (after " + attempt + " attempts)");
            }
            long waitNanos = retry.retryAfterNanos >= 0 ? retry.retryAfterNanos : backoffNanos(attempt);
            if (System.nanoTime() + waitNanos >= deadline) {
                throw retry.failure(" (after " + attempt + " attempts; waiting " + Math.round(waitNanos / 1e9)
                        + " s more would pass the timeout of " + seconds(config.totalTimeout()) + ")");
            }
            sleep(waitNanos);
        }
    }

    /**
     * The back end's state from its last {@code GET {base}/models}; asks again in the background
     * when that is older than 5 s, so this never blocks.
     */
    public BackendStatus status() {
        BackendStatus s = status;
        if (System.currentTimeMillis() - s.checkedAtMillis() > STATUS_MAX_AGE_MS && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("lector-vlm-probe").start(() -> {
                try {
                    probe();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return s;
    }

    /** Asks {@code GET {base}/models} now (bounded by the connect timeout plus 5 s) and returns the answer. */
    public BackendStatus probe() {
        long deadline = System.nanoTime() + config.connectTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        BackendStatus s;
        try {
            List<String> ids = listModels(deadline);
            String model = config.model() != null ? config.model() : ids.isEmpty() ? null : ids.getFirst();
            String msg = null;
            boolean ok = true;
            if (model == null) {
                ok = false;
                msg = "the back end lists no models";
            } else if (config.model() != null && !ids.isEmpty() && !ids.contains(config.model())) {
                ok = false;
                msg = "the back end does not serve model '" + config.model() + "' (it lists " + String.join(", ", ids) + ")";
            }
            s = new BackendStatus(ok, model, ids, msg, System.currentTimeMillis());
        } catch (VlmException e) {
            s = new BackendStatus(false, config.model(), List.of(), e.getMessage(), System.currentTimeMillis());
        }
        status = s;
        return s;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    // ---- request

    private String model(long deadline) {
        if (config.model() != null) return config.model();
        String m = listedModel;
        if (m != null) return m;
        List<String> ids = listModels(deadline);
        if (ids.isEmpty()) {
            throw new VlmException(VlmException.Kind.REFUSED, "no model named (--vlm-model or " + VlmConfig.ENV_MODEL
                    + ") and the back end at " + config.baseUrl() + " lists none");
        }
        listedModel = ids.getFirst();
        return listedModel;
    }

    byte[] requestBody(String model, String imageDataUri, String prompt) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        if (config.prompts().system() != null) messages.addObject().put("role", "system").put("content", config.prompts().system());
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        content.addObject().put("type", "image_url").putObject("image_url").put("url", imageDataUri);
        content.addObject().put("type", "text").put("text", prompt);
        SamplingParams s = config.sampling();
        root.put("max_tokens", s.maxTokens());
        root.put("temperature", s.temperature());
        if (s.topP() != null) root.put("top_p", s.topP());
        if (s.topK() != null) root.put("top_k", s.topK());
        if (s.repetitionPenalty() != null) root.put("repetition_penalty", s.repetitionPenalty());
        if (s.skipSpecialTokens() != null) root.put("skip_special_tokens", s.skipSpecialTokens());
        root.put("stream", config.stream());
        if (config.stream()) root.putObject("stream_options").put("include_usage", true);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("request could not be written", e);
        }
    }

    private HttpRequest.Builder request(URI uri, long timeoutNanos) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(Math.max(1_000_000, timeoutNanos)))
                .header("User-Agent", "lector-vlm");
        if (config.apiKey() != null) b.header("Authorization", "Bearer " + config.apiKey());
        return b;
    }

    private List<String> listModels(long deadline) {
        HttpRequest req = request(config.modelsUri(), remaining(deadline)).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> resp = headers(req, remaining(deadline), "the model list");
        try (InputStream in = resp.body()) {
            String body = readWithin(in, 1 << 20, deadline);
            if (resp.statusCode() != 200) {
                throw new VlmException(VlmException.Kind.REFUSED, "GET " + config.modelsUri() + " answered HTTP " + resp.statusCode()
                        + hint(resp.statusCode()) + errorText(body));
            }
            JsonNode data = MAPPER.readTree(body).path("data");
            List<String> ids = new ArrayList<>();
            for (JsonNode m : data) if (m.hasNonNull("id")) ids.add(m.get("id").asText());
            return ids;
        } catch (IOException e) {
            throw new VlmException(VlmException.Kind.UNREACHABLE, "the model list from " + config.modelsUri() + " could not be read: " + scrub(e.getMessage()));
        }
    }

    /** Sends {@code req} and waits (up to {@code waitNanos}) for the response headers. */
    private HttpResponse<InputStream> headers(HttpRequest req, long waitNanos, String what) {
        CompletableFuture<HttpResponse<InputStream>> f = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return f.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new VlmException(VlmException.Kind.TIMEOUT, "the VLM back end at " + config.baseUrl() + " sent no answer for "
                    + what + " within " + seconds(Duration.ofNanos(waitNanos)));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new VlmException(VlmException.Kind.TIMEOUT, "interrupted while waiting for the VLM back end");
        } catch (ExecutionException e) {
            throw connectionFailure(e.getCause());
        }
    }

    private VlmException connectionFailure(Throwable c) {
        if (c instanceof HttpConnectTimeoutException) {
            return new VlmException(VlmException.Kind.UNREACHABLE, "could not connect to the VLM back end at " + config.baseUrl()
                    + " within " + seconds(config.connectTimeout()));
        }
        if (c instanceof HttpTimeoutException) {
            return new VlmException(VlmException.Kind.TIMEOUT, "the VLM back end at " + config.baseUrl() + " did not answer in time");
        }
        if (c instanceof ConnectException || c instanceof java.nio.channels.UnresolvedAddressException
                || c instanceof java.net.UnknownHostException) {
            return new VlmException(VlmException.Kind.UNREACHABLE, "the VLM back end at " + config.baseUrl()
                    + " refused the connection or cannot be reached" + (c.getMessage() == null ? "" : " (" + scrub(c.getMessage()) + ")"));
        }
        return new VlmException(VlmException.Kind.UNREACHABLE, "the connection to the VLM back end at " + config.baseUrl()
                + " failed: " + (c == null ? "unknown error" : c.getMessage() == null ? c.getClass().getSimpleName() : scrub(c.getMessage())));
    }

    /** One attempt; a {@link Retry} for failures worth another attempt. */
    private Answer send(byte[] body, long deadline) throws Retry {
        long firstDeadline = Math.min(deadline, System.nanoTime() + config.firstTokenTimeout().toNanos());
        HttpRequest req = request(config.chatUri(), (config.stream() ? firstDeadline : deadline) - System.nanoTime())
                .header("Content-Type", "application/json")
                .header("Accept", config.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> resp;
        try {
            resp = headers(req, (config.stream() ? firstDeadline : deadline) - System.nanoTime(), "the request");
        } catch (VlmException e) {
            if (e.kind() == VlmException.Kind.UNREACHABLE && e.getMessage().contains("refused the connection")) throw new Retry(e, -1);
            throw e;
        }
        int code = resp.statusCode();
        if (code < 200 || code > 299) {
            String text;
            try (InputStream in = resp.body()) {
                text = readWithin(in, ERROR_BODY_CHARS, deadline);
            } catch (IOException | VlmException e) {
                text = "";
            }
            String msg = "the VLM back end answered HTTP " + code + hint(code) + errorText(text);
            if (code == 429 || code == 503) throw new Retry(new VlmException(VlmException.Kind.UNAVAILABLE, msg), retryAfterNanos(resp.headers()));
            if (code == 502) throw new Retry(new VlmException(VlmException.Kind.REFUSED, msg), retryAfterNanos(resp.headers()));
            if (code == 504 || code == 408) throw new VlmException(VlmException.Kind.TIMEOUT, msg);
            throw new VlmException(VlmException.Kind.REFUSED, msg);
        }
        String type = resp.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean sse = type.startsWith("text/event-stream");
        Answer answer = new Answer();
        InputStream in = resp.body();
        Thread reader = Thread.ofVirtual().name("lector-vlm-read").start(() -> answer.read(in, sse));
        try {
            if (sse && !await(answer.firstPiece, firstDeadline)) {
                throw new VlmException(VlmException.Kind.TIMEOUT, "the VLM back end at " + config.baseUrl()
                        + " sent no token within the first-token timeout of " + seconds(config.firstTokenTimeout()));
            }
            if (!await(answer.done, deadline)) {
                throw new VlmException(VlmException.Kind.TIMEOUT, "the VLM back end at " + config.baseUrl()
                        + " did not finish its answer within the timeout of " + seconds(config.totalTimeout())
                        + " (" + answer.length() + " characters so far)");
            }
        } finally {
            if (answer.done.getCount() > 0 || answer.hungUp) {
                closeQuietly(in);
                reader.interrupt();
            }
        }
        if (answer.failure != null) throw answer.failure;
        return answer;
    }

    private static boolean await(CountDownLatch latch, long deadline) {
        try {
            return latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The answer as it arrives, read on its own thread; the caller waits on the latches. */
    private final class Answer {
        final StringBuilder text = new StringBuilder();
        final CountDownLatch firstPiece = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile VlmException failure;
        volatile boolean hungUp;
        String finish;
        long promptTokens = -1, completionTokens = -1, pieces;
        private int checkedAt;

        synchronized int length() {
            return text.length();
        }

        void read(InputStream in, boolean sse) {
            try (in) {
                if (sse) readEvents(in);
                else readWhole(in);
            } catch (VlmException e) {
                failure = e;
            } catch (IOException | RuntimeException e) {
                if (!hungUp) {
                    failure = new VlmException(VlmException.Kind.UNREACHABLE, "the VLM back end at " + config.baseUrl()
                            + " broke off its answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : scrub(e.getMessage())));
                }
            } finally {
                firstPiece.countDown();
                done.countDown();
            }
        }

        private void readEvents(InputStream in) throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean sawDone = false;
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("data:")) continue; // blank separators, comments, event/id fields
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    sawDone = true;
                    break;
                }
                if (data.isEmpty()) continue;
                JsonNode ev;
                try {
                    ev = MAPPER.readTree(data);
                } catch (IOException e) {
                    throw VlmException.unparseable("the VLM back end sent an event that is not JSON", data);
                }
                if (ev.has("error")) throw new VlmException(VlmException.Kind.REFUSED, "the VLM back end reported an error mid-answer" + errorText(data));
                usage(ev.path("usage"));
                JsonNode choice = ev.path("choices").path(0);
                if (choice.path("finish_reason").isTextual()) finish = choice.get("finish_reason").asText();
                JsonNode piece = choice.path("delta").path("content");
                if (piece.isTextual() && !piece.asText().isEmpty()) {
                    if (append(piece.asText())) return;
                }
            }
            if (!sawDone && finish == null) {
                throw new VlmException(VlmException.Kind.UNREACHABLE, "the VLM back end at " + config.baseUrl()
                        + " ended its stream before the answer was complete (" + length() + " characters, no [DONE])");
            }
            if (finish == null) finish = Completion.STOP;
        }

        /** Adds one streamed piece; true when the answer must stop here (token cap or repetition). */
        private boolean append(String piece) {
            synchronized (this) {
                text.append(piece);
            }
            pieces++;
            firstPiece.countDown();
            if (pieces >= config.sampling().maxTokens()) {
                finish = Completion.LENGTH;
                hangUp();
                return true;
            }
            if (text.length() - checkedAt >= GUARD_EVERY_CHARS && text.length() >= RepetitionGuard.MIN_SPAN) {
                checkedAt = text.length();
                int cut;
                synchronized (this) {
                    cut = guard.cutAt(text);
                    if (cut >= 0) text.setLength(cut);
                }
                if (cut >= 0) {
                    finish = Completion.REPETITION;
                    hangUp();
                    return true;
                }
            }
            return false;
        }

        private void hangUp() {
            hungUp = true;
        }

        private void readWhole(InputStream in) throws IOException {
            String body = readBounded(in, 64 << 20);
            JsonNode root;
            try {
                root = MAPPER.readTree(body);
            } catch (IOException e) {
                throw VlmException.unparseable("the VLM back end's response is not JSON", body);
            }
            JsonNode choice = root == null ? null : root.path("choices").path(0);
            JsonNode content = choice == null ? null : choice.path("message").path("content");
            if (content == null || !(content.isTextual() || content.isNull())) {
                throw VlmException.unparseable("the VLM back end's response has no choices[0].message.content", body);
            }
            usage(root.path("usage"));
            finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : Completion.STOP;
            String t = content.isNull() ? "" : content.asText();
            int cut = guard.cutAt(t);
            synchronized (this) {
                text.append(cut >= 0 ? t.substring(0, cut) : t);
            }
            if (cut >= 0) finish = Completion.REPETITION;
        }

        private void usage(JsonNode u) {
            if (u.isObject()) {
                if (u.path("prompt_tokens").canConvertToLong()) promptTokens = u.get("prompt_tokens").asLong();
                if (u.path("completion_tokens").canConvertToLong()) completionTokens = u.get("completion_tokens").asLong();
            }
        }
    }

    // ---- retries

    /** A failure another attempt may cure. */
    private static final class Retry extends Exception {
        final VlmException last;
        final long retryAfterNanos;

        Retry(VlmException last, long retryAfterNanos) {
            super(last.getMessage(), null, false, false);
            this.last = last;
            this.retryAfterNanos = retryAfterNanos;
        }

        VlmException failure(String suffix) {
            return new VlmException(last.kind(), last.getMessage() + suffix);
        }
    }

    private long backoffNanos(int attempt) {
        long base = config.retryBackoff().toNanos() << Math.min(attempt - 1, 10);
        return base + (long) (ThreadLocalRandom.current().nextDouble(0.25) * base);
    }

    /** {@code Retry-After} as seconds or an HTTP date, in nanoseconds from now; -1 when absent or unreadable. */
    static long retryAfterNanos(HttpHeaders headers) {
        Optional<String> v = headers.firstValue("Retry-After");
        if (v.isEmpty()) return -1;
        String s = v.get().trim();
        try {
            double secs = Double.parseDouble(s);
            return secs < 0 ? -1 : (long) (secs * 1e9);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, TimeUnit.MILLISECONDS.toNanos(when.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (java.time.format.DateTimeParseException e2) {
                return -1;
            }
        }
    }

    private boolean acquire(long deadline) {
        try {
            return slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VlmException(VlmException.Kind.TIMEOUT, "interrupted while waiting to retry the VLM back end");
        }
    }

    // ---- helpers

    private static long remaining(long deadline) {
        return Math.max(1_000_000, deadline - System.nanoTime());
    }

    private static String hint(int code) {
        return switch (code) {
            case 401, 403 -> " (the API key in " + VlmConfig.ENV_API_KEY + " is missing or not accepted)";
            case 404 -> " (is the URL the API root, e.g. http://HOST:8000/v1, and the model name right?)";
            default -> "";
        };
    }

    /** {@code : message} from an OpenAI-style error body, or its first characters; the key scrubbed. */
    private String errorText(String body) {
        if (body == null || body.isBlank()) return "";
        String msg = null;
        try {
            JsonNode n = MAPPER.readTree(body);
            JsonNode e = n.path("error");
            if (e.isTextual()) msg = e.asText();
            else if (e.path("message").isTextual()) msg = e.get("message").asText();
            else if (n.path("message").isTextual()) msg = n.get("message").asText();
            else if (n.path("detail").isTextual()) msg = n.get("detail").asText();
        } catch (IOException | RuntimeException ignored) {
            // not JSON: quote its start
        }
        String t = msg != null ? msg : body;
        t = t.replaceAll("[\\p{Cntrl}]+", " ").trim();
        if (t.length() > 200) t = t.substring(0, 200) + "...";
        return t.isEmpty() ? "" : ": " + scrub(t);
    }

    private String scrub(String s) {
        if (s == null) return null;
        String k = config.apiKey();
        return k == null ? s : s.replace(k, "***");
    }

    static String readBounded(InputStream in, int maxChars) throws IOException {
        byte[] b = in.readNBytes(Math.max(0, maxChars) * 4);
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > maxChars ? s.substring(0, maxChars) : s;
    }

    /** Reads up to {@code maxChars} of a body on its own thread, giving up (and closing it) at {@code deadline}. */
    private String readWithin(InputStream in, int maxChars, long deadline) throws IOException {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().name("lector-vlm-body").start(() -> {
            try {
                f.complete(readBounded(in, maxChars));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            closeQuietly(in);
            t.interrupt();
            throw new VlmException(VlmException.Kind.TIMEOUT, "the VLM back end at " + config.baseUrl()
                    + " did not finish sending its response within the timeout of " + seconds(config.totalTimeout()));
        } catch (InterruptedException e) {
            closeQuietly(in);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being dropped on purpose
        }
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
