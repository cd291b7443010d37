package dev.lector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.batch.WeightBudget;
import dev.lector.pipeline.EngineInfo;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.JsonRenderer;
import dev.lector.render.TextRenderer;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OCR endpoints ({@code POST /v1/ocr}, {@code POST /ocr}) and {@code GET /v1/models}: read
 * the body within the size cap, parse options, answer from the cache or run the engine under the
 * request's deadline.
 */
final class OcrRoutes {

    static final String TIMEOUT_HEADER = "X-Request-Timeout-Ms";

    private final OcrEngine engine;
    private final ServerConfig config;
    private final ResultCache cache;
    private final ServerMetrics metrics;
    private final ExecutorService executor;
    private final AtomicInteger inFlight;
    private final OcrOptions defaults;
    private final WeightBudget bodies;
    /** Clients that go away while their request is computed: its work is cancelled (see {@link ClientWatch}). */
    final ClientWatch clients = new ClientWatch(200);

    OcrRoutes(OcrEngine engine, ServerConfig config, OcrOptions defaults, ResultCache cache, ServerMetrics metrics, ExecutorService executor,
              AtomicInteger inFlight) {
        this.inFlight = inFlight;
        this.defaults = defaults;
        this.engine = engine;
        this.config = config;
        this.cache = cache;
        this.metrics = metrics;
        this.executor = executor;
        this.bodies = new WeightBudget(config.maxBodyBytesInFlight(), 1024, "KiB", "request bytes");
    }

    int inFlight() {
        return inFlight.get();
    }

    /** {@code POST /v1/ocr}: the result JSON (or text) plus request_id and cached. */
    void ocr(Context ctx) throws Exception {
        String requestId = RequestIds.of(ctx);
        inFlight.incrementAndGet();
        try {
            Answer a = answer(ctx);
            if (a.options().format() == RequestOptions.Format.TEXT) {
                ctx.contentType("text/plain; charset=utf-8").result(TextRenderer.render(a.document()));
                return;
            }
            if (a.options().format().isFile()) {
                FileResponses.write(ctx, a.options().format(), a.body(), a.document(), engine.config().limits().pdfDpi(),
                        name -> param(ctx, name));
                return;
            }
            ObjectNode out = JsonRenderer.document(a.document());
            out.put("request_id", requestId);
            out.put("cached", a.cached());
            addPreviews(ctx, out, a);
            ctx.contentType("application/json").result(out.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** With {@code page_images=true}, small JPEG previews of a PDF's pages for the web page ({@link PagePreviews}). */
    void addPreviews(Context ctx, ObjectNode out, Answer a) {
        String previews = param(ctx, "page_images");
        if (previews != null && RequestOptions.bool("page_images", previews)) {
            PagePreviews.add(out, a.body(), a.options().pages(), engine.config().limits());
        }
    }

    /**
     * {@code POST /v1/preprocess?preset=NAME}: the image as the preset leaves it, as PNG, for the
     * web page's view of what the detector sees. Images only (a PDF page: not supported here).
     */
    void preprocessed(Context ctx) throws Exception {
        byte[] body = readBody(ctx);
        String name = param(ctx, "preset");
        if (name == null) throw new ApiException(ApiException.Kind.BAD_OPTION, "preset is required: none, gray, clahe, sauvola or denoise");
        dev.lector.image.Preprocess preset;
        try {
            preset = dev.lector.image.Preprocess.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Kind.BAD_OPTION, e.getMessage());
        }
        if (dev.lector.image.ImageHeader.isPdf(body)) {
            throw new ApiException(ApiException.Kind.UNSUPPORTED_MEDIA_TYPE, "preprocess previews are for images, not PDFs");
        }
        var image = preset.apply(engine.decoder().decode(body));
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(dev.lector.image.ImageDecoder.toBufferedImage(image), "png", png);
        ctx.contentType("image/png").result(png.toByteArray());
    }

    /** {@code POST /ocr}: {@code {"success":true,"text":[...],"time_ms":N}}. */
    void simpleOcr(Context ctx) throws Exception {
        inFlight.incrementAndGet();
        long t0 = System.nanoTime();
        try {
            Answer a = answer(ctx);
            ObjectNode out = JsonRenderer.mapper().createObjectNode();
            out.put("success", true);
            ArrayNode text = out.putArray("text");
            for (Page page : a.document().pages()) {
                for (Line line : page.lines()) text.add(line.text());
            }
            out.put("time_ms", Math.round((System.nanoTime() - t0) / 1e6));
            ctx.contentType("application/json").result(out.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** {@code GET /v1/models}: backend, device, models with checksums, settings. */
    void models(Context ctx) {
        ctx.contentType("application/json").result(modelsJson().toString());
    }

    ObjectNode modelsJson() {
        EngineInfo info = engine.info();
        ObjectNode out = JsonRenderer.mapper().createObjectNode();
        out.put("version", dev.lector.BuildInfo.current().version()).put("commit", dev.lector.BuildInfo.current().commit());
        out.put("backend", info.backend());
        out.put("device", info.device());
        if (info.fallbackReason() != null) out.put("fallback_reason", info.fallbackReason());
        ArrayNode models = out.putArray("models");
        for (EngineInfo.Model m : info.models()) {
            models.addObject().put("role", m.role()).put("name", m.name()).put("sha256", m.sha256()).put("precision", m.precision());
        }
        out.put("fingerprint", dev.lector.backend.Sha256.hex(info.modelsFingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ObjectNode s = out.putObject("settings");
        var c = engine.config();
        s.put("workers", info.workers());
        s.put("max_pending_pages", c.maxPendingPages());
        s.put("rec_batch", c.recPolicy().maxBatch());
        s.put("rec_batch_delay_ms", c.recPolicy().maxDelay().toMillis());
        s.put("max_pixels", c.limits().maxPixels());
        s.put("pdf_dpi", c.limits().pdfDpi());
        s.put("det_limit_side", defaults.detLimitSidePx());
        s.put("max_det_side", config.maxDetSide());
        s.put("cls", defaults.classify());
        s.put("drop_score", defaults.dropScore());
        s.put("cls_threshold", c.clsThreshold());
        s.put("graph_rewrites", c.rewriteGraphs());
        s.put("int8_recognition", c.int8Recognition());
        s.put("max_body_bytes", config.maxBodyBytes());
        s.put("max_body_bytes_in_flight", config.maxBodyBytesInFlight());
        s.put("request_timeout_ms", config.requestTimeout().toMillis());
        s.put("cache_entries", config.cacheEntries());
        return out;
    }

    /** What one OCR request came to (shared with {@link ExtractRoutes}). */
    record Answer(Document document, boolean cached, RequestOptions options, byte[] body) {}

    /**
     * Reads the body within the caps, parses the options, answers from the cache or the engine,
     * all under the request's deadline, which starts before the body is read. The body's bytes
     * are held against {@code --max-inflight-mb} as they arrive, not as declared, so clients that
     * announce large bodies and send them slowly hold only what they have sent.
     */
    Answer answer(Context ctx) throws Exception {
        Duration deadline = deadline(ctx);
        long t0 = System.nanoTime();
        enter();
        try (WeightBudget.Hold hold = bodies.tryAcquire(0)) {
            byte[] body = readBody(ctx, new BodyLimits(hold, t0 + deadline.toNanos(), deadline, deadline.compareTo(config.requestTimeout()) < 0));
            return answer(ctx, body, t0, deadline);
        } catch (InterruptedException | java.io.InterruptedIOException | java.util.concurrent.CancellationException e) {
            if (aborted) throw shutDown();
            throw e;
        } catch (RuntimeException e) {
            // an interrupted blocking read surfaces as Jetty's own exceptions
            if (aborted) throw shutDown();
            throw e;
        } finally {
            leave();
        }
    }

    // ---- drain: requests still answering when the drain timeout passes are answered 503

    private final java.util.Set<Thread> answering = new java.util.HashSet<>();
    private volatile boolean aborted;

    private synchronized void enter() {
        if (aborted) throw shutDown();
        answering.add(Thread.currentThread());
    }

    /** Leaves the set; a thread {@link #abortAll} interrupted has its interrupt cleared so that it can write its 503. */
    private synchronized void leave() {
        answering.remove(Thread.currentThread());
        if (aborted) Thread.interrupted();
    }

    /**
     * Stops every request still answering: each is interrupted (its engine work is cancelled at
     * the next stage boundary) and answers 503. Returns how many there were.
     */
    synchronized int abortAll() {
        aborted = true;
        answering.forEach(Thread::interrupt);
        return answering.size();
    }

    private static ApiException shutDown() {
        return new ApiException(ApiException.Kind.NOT_READY,
                "the server is shutting down and its drain timeout passed before this request finished: retry");
    }

    private Answer answer(Context ctx, byte[] body, long t0, Duration deadline) throws Exception {
        RequestOptions opts = RequestOptions.parse(name -> param(ctx, name), defaults, config.maxDetSide());
        String key = ResultCache.key(body, opts.cacheKeyPart(), engine.info().modelsFingerprint());
        Document hit = cache.get(key);
        if (hit != null) {
            metrics.cacheHit();
            return new Answer(hit, true, opts, body);
        }
        if (cache.enabled()) metrics.cacheMiss();
        Future<Document> f = executor.submit(() -> compute(body, opts));
        java.util.concurrent.atomic.AtomicBoolean clientGone = new java.util.concurrent.atomic.AtomicBoolean();
        long leftNanos = deadline.toNanos() - (System.nanoTime() - t0);
        Document result;
        try (AutoCloseable watch = clients.watch(ctx.req().getLocalPort(), ctx.req().getRemotePort(), () -> {
            clientGone.set(true);
            f.cancel(true); // the reading thread is interrupted: it stops at the next stage boundary
        })) {
            result = f.get(Math.max(0, leftNanos), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.CancellationException e) {
            if (clientGone.get()) throw new ApiException(ApiException.Kind.CLIENT_GONE, "the client closed its connection before the answer");
            throw e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ApiException(ApiException.Kind.DEADLINE,
                    "the request did not finish within its deadline of " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            if (aborted) throw shutDown();
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) throw ex;
            throw e;
        }
        cache.put(key, result);
        return new Answer(result, false, opts, body);
    }

    private Document compute(byte[] body, RequestOptions opts) {
        java.util.List<Page> pages = new java.util.ArrayList<>();
        engine.read(body, opts.pages(), opts.ocr(), page -> {
            metrics.page(page.timings());
            pages.add(page);
        });
        return new Document(pages);
    }

    private Duration deadline(Context ctx) {
        String h = ctx.header(TIMEOUT_HEADER);
        Duration max = config.requestTimeout();
        if (h == null) return max;
        long ms;
        try {
            ms = Long.parseLong(h.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ApiException.Kind.BAD_OPTION, TIMEOUT_HEADER + " must be a whole number of milliseconds, not '" + h + "'");
        }
        if (ms < 1) throw new ApiException(ApiException.Kind.BAD_OPTION, TIMEOUT_HEADER + " must be >= 1: " + ms);
        return ms < max.toMillis() ? Duration.ofMillis(ms) : max;
    }

    /**
     * What reading one body is bounded by: the bytes in flight ({@code hold}, grown as bytes
     * arrive; null: not counted) and the request's deadline ({@code endNanos}, a
     * {@link System#nanoTime()}; past it the request gets 408).
     */
    record BodyLimits(WeightBudget.Hold hold, long endNanos, Duration deadline, boolean clientChose) {
        void check(long bytesSoFar) {
            if (System.nanoTime() > endNanos) {
                // the server's own deadline: the client was too slow (408); one it chose itself: 504 as for any work
                throw new ApiException(clientChose ? ApiException.Kind.DEADLINE : ApiException.Kind.REQUEST_TIMEOUT,
                        "the request body did not arrive within the request's deadline of "
                        + deadline.toMillis() + " ms (" + bytesSoFar + " bytes received)");
            }
            if (hold != null) hold.tryGrowTo(bytesSoFar);
        }
    }

    /** Request attribute holding a JSON body once read ({@link JsonInput}). */
    static final String JSON_ATTRIBUTE = "lector.jsonInput";

    /**
     * Reads and decodes a JSON body ({@link JsonInput}) once, before the route runs, so that its
     * {@code options} answer {@link #param} like query parameters do. The JSON text is held under
     * the body budget while it is read; the decoded image is then what the route's own hold covers.
     */
    void readJson(Context ctx) throws IOException {
        if (ctx.attribute(JSON_ATTRIBUTE) != null) return;
        long max = config.maxBodyBytes();
        long jsonMax = JsonInput.maxBodyBytes(max);
        long declared = ctx.req().getContentLengthLong();
        if (declared > jsonMax) {
            throw new ApiException(ApiException.Kind.BODY_TOO_LARGE, "the JSON body is larger than the limit of " + jsonMax
                    + " bytes (an image of " + max + " bytes as base64, plus options)");
        }
        // held as its bytes arrive and read under the request's deadline, like a raw body
        Duration deadline = deadline(ctx);
        try (WeightBudget.Hold hold = bodies.tryAcquire(0);
             InputStream in = ctx.req().getInputStream()) {
            byte[] json;
            try {
                json = capped(in, jsonMax, new BodyLimits(hold, System.nanoTime() + deadline.toNanos(), deadline,
                        deadline.compareTo(config.requestTimeout()) < 0));
            } catch (ApiException e) {
                if (e.kind() != ApiException.Kind.BODY_TOO_LARGE) throw e;
                throw new ApiException(ApiException.Kind.BODY_TOO_LARGE, "the JSON body is larger than the limit of " + jsonMax + " bytes");
            }
            BodyDeadlines.bodyRead(ctx);
            ctx.attribute(JSON_ATTRIBUTE, JsonInput.parse(json, max));
        }
    }

    /**
     * The request's image or PDF, within the body cap: multipart field {@code image} (exactly
     * one), a JSON body ({@link JsonInput}) or the raw body, under the server's request timeout.
     */
    byte[] readBody(Context ctx) throws IOException {
        return readBody(ctx, new BodyLimits(null, System.nanoTime() + config.requestTimeout().toNanos(), config.requestTimeout(), false));
    }

    /** Like {@link #readBody(Context)}, within {@code limits}. */
    byte[] readBody(Context ctx, BodyLimits limits) throws IOException {
        long max = config.maxBodyBytes();
        if (JsonInput.isJson(ctx.contentType())) {
            readJson(ctx);
            JsonInput json = ctx.attribute(JSON_ATTRIBUTE);
            limits.check(json.image().length); // the decoded image is what this request holds now
            return json.image();
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw tooLarge(max);
        if (ctx.isMultipartFormData()) {
            int images = ctx.uploadedFiles("image").size() + ctx.formParams("image").size();
            if (images > 1) {
                throw new ApiException(ApiException.Kind.BAD_REQUEST, "multipart field 'image' appears " + images
                        + " times: send one image per request (a PDF for several pages)");
            }
            // Jetty's multipart parser reads the whole body; its bytes are counted once it has them,
            // and its time is bounded by the body deadline (BodyDeadlines), which interrupts the parse
            UploadedFile file = ctx.uploadedFile("image");
            if (file == null) throw new ApiException(ApiException.Kind.EMPTY, "multipart field 'image' is missing");
            if (file.size() > max) throw tooLarge(max);
            limits.check(file.size());
            byte[] image;
            try (InputStream in = file.content()) {
                image = capped(in, max, limits);
            }
            BodyDeadlines.bodyRead(ctx);
            return image;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!(type.isEmpty() || type.startsWith("image/") || type.startsWith("application/pdf")
                || type.startsWith("application/octet-stream"))) {
            throw new ApiException(ApiException.Kind.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + ctx.contentType()
                    + " is not supported: send an image (image/*), a PDF (application/pdf), multipart field 'image'"
                    + " or JSON {\"image\":\"<base64>\"} (application/json)");
        }
        byte[] image;
        try (InputStream in = ctx.req().getInputStream()) {
            image = capped(in, max, limits);
        }
        BodyDeadlines.bodyRead(ctx);
        return image;
    }

    /**
     * Bytes past the cap read and dropped before a 413, so that a client still sending a small
     * excess reads the answer rather than a connection reset; a larger excess is cut off.
     */
    static final long DRAIN_AFTER_CAP_BYTES = 1 << 20;

    /**
     * Reads at most {@code max} bytes as they come, checking the deadline and growing the hold
     * after every read: a read returns whatever has arrived, so a client trickling its body is
     * stopped at its first byte past the deadline (and one that stops sending, by the idle timeout).
     */
    private static byte[] capped(InputStream in, long max, BodyLimits limits) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(chunk, 0, (int) Math.min(chunk.length, max + 1 - total))) > 0; ) {
            total += n;
            if (total > max) break;
            out.write(chunk, 0, n);
            limits.check(total);
        }
        if (total > max) {
            long left = DRAIN_AFTER_CAP_BYTES;
            byte[] sink = new byte[8192];
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) left -= n;
            throw tooLarge(max);
        }
        if (total == 0) throw new ApiException(ApiException.Kind.EMPTY, "the request has no image: the body is empty");
        return out.toByteArray();
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(ApiException.Kind.BODY_TOO_LARGE, "the body is larger than the limit of " + max + " bytes");
    }

    /** An option: the query parameter, else the multipart form field, else the JSON body's {@code options} entry. */
    static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null && ctx.isMultipartFormData()) v = ctx.formParam(name);
        if (v == null) {
            JsonInput json = ctx.attribute(JSON_ATTRIBUTE);
            if (json != null) v = json.options().get(name);
        }
        return v;
    }
}
