package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server as {@code lector serve} runs it, in-process on a free port, with the embedded models. */
class LectorServerTest {

    static final byte[] HELLO = TestInputs.png(640, 160, "Hello Lector 2026");

    static OcrEngine engine;
    static LectorServer server;
    static Http http;

    @BeforeAll
    static void start() {
        engine = OcrEngine.open(EngineConfig.defaults());
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode e = Http.json(r).path("error");
        assertThat(e.path("code").asText()).isEqualTo(code);
        assertThat(e.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("\tat ");
    }

    @Test
    void rawPngGivesResultJsonWithRequestIdAndDetectorInput() {
        HttpResponse<String> r = http.post("/v1/ocr?cls=false", HELLO, "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(squash(j.path("text").asText())).contains("HelloLector2026");
        assertThat(j.path("pages")).hasSize(1);
        JsonNode page = j.path("pages").get(0);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("width").asInt()).isEqualTo(640);
        assertThat(page.path("height").asInt()).isEqualTo(160);
        assertThat(page.path("lines")).isNotEmpty();
        assertThat(page.path("lines").get(0).path("points")).hasSize(4);
        assertThat(page.path("lines").get(0).path("score").asDouble()).isBetween(0.5, 1.0);
        assertThat(page.path("lines").get(0).path("orientation").asInt()).isZero();
        assertThat(page.path("lines").get(0).path("words").get(0).path("points")).hasSize(4);
        assertThat(page.path("rotation").asInt()).isZero();
        assertThat(page.path("skew").isNumber()).isTrue();
        assertThat(page.path("blocks").get(0).path("kind").asText()).isIn("paragraph", "heading", "table");
        assertThat(page.path("blocks").get(0).path("lines").get(0).asInt()).isZero();
        assertThat(page.path("text").asText()).isEqualTo(j.path("text").asText());
        assertThat(page.path("timings_ms").has("total")).isTrue();
        assertThat(page.path("model").has("det")).isTrue();
        assertThat(j.path("request_id").asText()).isNotBlank();
        assertThat(j.path("cached").isBoolean()).isTrue();
        assertThat(page.path("det_input").path("width").asInt() % 32).isZero();
        assertThat(page.path("det_input").path("height").asInt()).isPositive();
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void multipartWithOptionsAndTextFormat() {
        HttpResponse<String> r = http.multipart("/v1/ocr", TestInputs.jpeg(640, 160, "Multipart 123"), "image/jpeg",
                Map.of("cls", "true", "det_limit_side", "640", "format", "text"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(squash(r.body())).contains("Multipart123");
    }

    @Test
    void pdfGivesPages() {
        HttpResponse<String> r = http.post("/v1/ocr?pages=1", TestInputs.pdf("Invoice 4711 paid"), "application/pdf");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.path("pages")).hasSize(1);
        assertThat(squash(j.path("pages").get(0).path("text").asText())).contains("Invoice4711");
        assertThat(j.path("cached").asBoolean()).isFalse();
    }

    @Test
    void simpleOcrForm() {
        HttpResponse<String> r = http.multipart("/ocr", TestInputs.png(640, 250, "First line", "Second line"), "image/png", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.path("success").asBoolean()).isTrue();
        List<String> lines = new ArrayList<>();
        j.path("text").forEach(t -> lines.add(squash(t.asText())));
        assertThat(lines).containsExactly("Firstline", "Secondline");
        assertThat(j.path("time_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void secondIdenticalRequestIsCached() {
        byte[] img = TestInputs.png(640, 160, "Cache 4242");
        JsonNode first = Http.json(http.post("/v1/ocr", img, "image/png"));
        JsonNode second = Http.json(http.post("/v1/ocr", img, "image/png"));
        assertThat(first.path("cached").asBoolean()).isFalse();
        assertThat(second.path("cached").asBoolean()).isTrue();
        assertThat(second.path("text").asText()).isEqualTo(first.path("text").asText());
        assertThat(second.path("request_id").asText()).isNotEqualTo(first.path("request_id").asText());
        // other options are another key
        JsonNode other = Http.json(http.post("/v1/ocr?det_limit_side=640", img, "image/png"));
        assertThat(other.path("cached").asBoolean()).isFalse();
    }

    @Test
    void modelsListsChecksumsAndSettings() {
        HttpResponse<String> r = http.get("/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.path("version").asText()).isEqualTo(dev.lector.BuildInfo.current().version());
        assertThat(j.path("commit").asText()).isEqualTo(dev.lector.BuildInfo.current().commit());
        assertThat(j.path("models")).hasSizeGreaterThanOrEqualTo(3);
        j.path("models").forEach(m -> assertThat(m.path("sha256").asText()).hasSize(64));
        assertThat(j.path("settings").path("workers").asInt()).isPositive();
        assertThat(j.path("settings").path("graph_rewrites").isBoolean()).isTrue();
    }

    @Test
    void healthMetricsAndOpenApi() {
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        http.post("/v1/ocr", HELLO, "image/png");
        HttpResponse<String> m = http.get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("lector_http_requests_total", "status=\"200\"", "lector_stage_duration_seconds_bucket",
                "lector_queue_depth", "lector_pages_in_flight", "lector_batch_size", "lector_cache_requests_total");
        assertThat(m.body()).containsPattern("lector_build_info\\{[^}]*version=\"" + java.util.regex.Pattern.quote(dev.lector.BuildInfo.current().version()) + "\"[^}]*\\} 1(\\.0)?");
        // the process gauges a soak run watches
        double rss = m.body().lines().filter(l -> l.startsWith("process_resident_memory_bytes "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
        assertThat(rss).as("RSS of a process that loaded three models").isGreaterThan(50e6);
        assertThat(m.body()).contains("process_files_open_files", "jvm_threads_live_threads", "jvm_memory_used_bytes");
        JsonNode api = Http.json(http.get("/openapi.json"));
        assertThat(api.path("openapi").asText()).startsWith("3.");
        assertThat(api.path("info").path("version").asText()).isEqualTo(dev.lector.BuildInfo.current().version());
        List<String> paths = new ArrayList<>();
        api.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/v1/ocr", "/ocr", "/v1/models", "/health/live", "/health/ready", "/metrics", "/openapi.json", "/");
    }

    @Test
    void webPageIsServed() {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("app.js", "app.css");
        assertThat(http.get("/app.js").statusCode()).isEqualTo(200);
        assertThat(http.get("/app.css").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsJson404() {
        assertError(http.get("/nope"), 404, "not_found");
    }

    @Test
    void emptyAndUndecodableInputIs400() {
        assertError(http.post("/v1/ocr", new byte[0], "image/png"), 400, "empty");
        byte[] jpeg = TestInputs.jpeg(640, 160, "Truncated");
        assertError(http.post("/v1/ocr", Arrays.copyOf(jpeg, jpeg.length / 3), "image/jpeg"), 400, "undecodable");
        assertError(http.multipart("/v1/ocr", new byte[0], "image/png", Map.of()), 400, "empty");
    }

    @Test
    void brokenMultipartIs400() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nnot finished";
        HttpResponse<String> r = http.post("/v1/ocr", body.getBytes(), "multipart/form-data; boundary=b");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.json(r).path("error").path("code").asText()).isNotBlank();
    }

    @Test
    void unsupportedTypeIs415() {
        assertError(http.post("/v1/ocr", "just some text".getBytes(), "text/plain"), 415, "unsupported_type");
        assertError(http.post("/v1/ocr", "just some text, not an image".getBytes(), "image/png"), 415, "unsupported_type");
    }

    @Test
    void badOptionsAre422() {
        assertError(http.post("/v1/ocr?det_limit_side=abc", HELLO, "image/png"), 422, "bad_option");
        assertError(http.post("/v1/ocr?det_limit_side=5", HELLO, "image/png"), 422, "bad_option");
        assertError(http.post("/v1/ocr?cls=maybe", HELLO, "image/png"), 422, "bad_option");
        assertError(http.post("/v1/ocr?format=xml", HELLO, "image/png"), 422, "bad_option");
        assertError(http.post("/v1/ocr?pages=3-1", HELLO, "image/png"), 422, "bad_option");
        assertError(http.post("/v1/ocr", HELLO, "image/png", OcrRoutes.TIMEOUT_HEADER, "soon"), 422, "bad_option");
    }

    @Test
    void deadlineIs504() {
        byte[] big = TestInputs.png(3000, 3000, "A large page", "with several lines", "of text to read");
        assertError(http.post("/v1/ocr?det_limit_side=2048", big, "image/png", OcrRoutes.TIMEOUT_HEADER, "1"), 504, "deadline_exceeded");
        // the server goes on answering
        assertThat(http.post("/v1/ocr", HELLO, "image/png").statusCode()).isEqualTo(200);
    }

    @Test
    void sixteenConcurrentRequestsAllCorrect() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] img = TestInputs.png(640, 160, "Order " + (100 + i));
                futures.add(pool.submit(() -> http.post("/v1/ocr?cls=false", img, "image/png")));
            }
            for (int i = 0; i < 16; i++) {
                HttpResponse<String> r = futures.get(i).get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(squash(Http.json(r).path("text").asText())).contains("Order" + (100 + i));
            }
        }
    }

    @Test
    void preprocessPreviewIsAPngOfTheSameSizeAndBadPresetsAre422() throws Exception {
        HttpResponse<byte[]> r = http.postBytes("/v1/preprocess?preset=sauvola", HELLO, "image/png");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        java.awt.image.BufferedImage in = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(HELLO));
        assertThat(img.getWidth()).isEqualTo(in.getWidth());
        assertThat(img.getHeight()).isEqualTo(in.getHeight());
        assertError(http.post("/v1/preprocess?preset=sharpen", HELLO, "image/png"), 422, "bad_option");
    }

    @Test
    void aClientsRequestIdIsKeptAndEveryResponseHasOne() {
        HttpResponse<String> ocr = http.post("/v1/ocr", HELLO, "image/png", "X-Request-Id", "job-42.page_7");
        assertThat(ocr.headers().firstValue("X-Request-Id")).hasValue("job-42.page_7");
        assertThat(Http.json(ocr).path("request_id").asText()).isEqualTo("job-42.page_7");
        HttpResponse<String> simple = http.post("/ocr", HELLO, "image/png", "X-Request-Id", "simple-1");
        assertThat(simple.headers().firstValue("X-Request-Id")).hasValue("simple-1");
        // an unusable id (too long, odd characters) is replaced, never echoed
        HttpResponse<String> odd = http.post("/v1/ocr?det_limit_side=12", HELLO, "image/png", "X-Request-Id", "<script>");
        assertThat(odd.statusCode()).isEqualTo(422);
        assertThat(odd.headers().firstValue("X-Request-Id")).isPresent().get().asString().doesNotContain("<").hasSize(36);
        assertThat(http.get("/health/live").headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void bodyAboveCapIs413() {
        try (LectorServer small = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withMaxBodyBytes(1000))) {
            // each on connections of its own: after a 413 the server may close the connection
            assertError(Http.ownConnections(small.port()).post("/v1/ocr", HELLO, "image/png"), 413, "body_too_large");
            assertError(Http.ownConnections(small.port()).multipart("/v1/ocr", HELLO, "image/png", Map.of()), 413, "body_too_large");
            assertError(Http.ownConnections(small.port()).chunked("/v1/ocr", HELLO, "image/png"), 413, "body_too_large");
            // a chunked multipart body has no Content-Length: Jetty's part size cap decides
            assertError(Http.ownConnections(small.port()).chunkedMultipart("/v1/ocr", new byte[200_000]), 413, "body_too_large");
        }
    }

    @Test
    void apiKeysGuardApiButNotHealth() {
        ServerConfig cfg = ServerConfig.defaults().withPort(0).withApiKeys(List.of("k1", "secret-2"));
        try (LectorServer guarded = LectorServer.start(engine, cfg)) {
            Http h = new Http(guarded.port());
            assertError(h.post("/v1/ocr", HELLO, "image/png"), 401, "unauthorized");
            assertError(h.post("/v1/ocr", HELLO, "image/png", "Authorization", "Bearer wrong"), 401, "unauthorized");
            assertError(h.multipart("/ocr", HELLO, "image/png", Map.of()), 401, "unauthorized");
            assertError(h.get("/v1/models"), 401, "unauthorized");
            assertThat(h.post("/v1/ocr", HELLO, "image/png", "Authorization", "Bearer secret-2").statusCode()).isEqualTo(200);
            assertThat(h.get("/v1/models", "Authorization", "Bearer k1").statusCode()).isEqualTo(200);
            assertThat(h.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(h.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(h.get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void drainingRefusesNewWorkWith503() {
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http h = new Http(s.port());
            assertThat(h.get("/health/ready").statusCode()).isEqualTo(200);
            s.beginDrain();
            assertError(h.get("/health/ready"), 503, "not_ready");
            assertError(h.post("/v1/ocr", HELLO, "image/png"), 503, "not_ready");
            assertError(h.multipart("/ocr", HELLO, "image/png", Map.of()), 503, "not_ready");
            assertThat(h.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void inFlightRequestFinishesAfterDrainBegan() throws Exception {
        LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0));
        Http h = new Http(s.port());
        byte[] big = TestInputs.png(2400, 1600, "Drain me gently", "line two of the page", "and line three");
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> h.post("/v1/ocr?det_limit_side=1600", big, "image/png"));
        while (s.inFlight() == 0 && !inFlight.isDone()) Thread.sleep(1);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> s.drain(java.time.Duration.ofSeconds(60)));
        HttpResponse<String> r = inFlight.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(squash(Http.json(r).path("text").asText())).contains("Drainmegently");
        assertThat(drained.get()).isTrue();
        assertThat(s.isReady()).isFalse();
    }
}
