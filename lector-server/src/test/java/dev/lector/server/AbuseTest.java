package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service tried as a careless or hostile client would (issue 13): each defect reproduced
 * against the in-process server, small counts, bounded time.
 */
class AbuseTest {

    static final byte[] HELLO = TestInputs.png(640, 160, "Hello Lector 2026");

    static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1));
    }

    @AfterAll
    static void close() {
        if (engine != null) engine.close();
    }

    /** Every sample of a Prometheus text scrape, series (name and labels) to value. */
    static Map<String, String> samples(String scrape) {
        Map<String, String> out = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int sp = line.lastIndexOf(' ');
            out.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return out;
    }

    /** Runs full collections until a weakly held object is gone, as a long-running server's heap would. */
    static void collectWeakReferences() throws InterruptedException {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && canary.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(canary.get()).as("a full collection cleared a weak reference").isNull();
    }

    @Test
    void metricsHaveNoNaNAfterCollectionAndRefusedRequestsCarryTheirRoute() throws Exception {
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withApiKeys(List.of("k1")))) {
            Http h = new Http(s.port());
            assertThat(h.post("/v1/ocr", HELLO, "image/png").statusCode()).isEqualTo(401);
            assertThat(h.post("/v1/ocr", HELLO, "image/png", "Authorization", "Bearer k1").statusCode()).isEqualTo(200);
            collectWeakReferences();
            HttpResponse<String> m = h.get("/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            Map<String, String> samples = samples(m.body());
            assertThat(samples).isNotEmpty();
            assertThat(samples.entrySet().stream().filter(e -> e.getValue().equals("NaN")).map(Map.Entry::getKey).toList())
                    .as("series reading NaN").isEmpty();
            assertThat(Double.parseDouble(samples.get("lector_requests_in_flight"))).isZero();
            assertThat(Double.parseDouble(samples.get("lector_cache_entries"))).isEqualTo(1.0);
            assertThat(samples.keySet()).noneMatch(k -> k.contains("route=\"*\""));
            assertThat(samples).containsKey("lector_http_requests_total{method=\"POST\",route=\"/v1/ocr\",status=\"401\"}");
            assertThat(samples).containsKey("lector_http_requests_total{method=\"POST\",route=\"/v1/ocr\",status=\"200\"}");
        }
    }

    @Test
    void detSideAboveServerCapIs422WithClearMessageAndServerStaysHealthy() {
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withMaxDetSide(1024))) {
            Http h = new Http(s.port());
            HttpResponse<String> r = h.post("/v1/ocr?det_limit_side=8192", HELLO, "image/png");
            LectorServerTest.assertError(r, 422, "bad_option");
            assertThat(Http.json(r).path("error").path("message").asText()).contains("8192", "1024", "--max-det-side");
            LectorServerTest.assertError(h.multipart("/v1/ocr", HELLO, "image/png", Map.of("det_limit_side", "1056")), 422, "bad_option");
            assertThat(h.post("/v1/ocr?det_limit_side=1024", HELLO, "image/png").statusCode()).isEqualTo(200);
            assertThat(h.post("/v1/ocr", HELLO, "image/png").statusCode()).isEqualTo(200);
            assertThat(Http.json(h.get("/v1/models")).path("settings").path("max_det_side").asInt()).isEqualTo(1024);
        }
    }

    @Test
    void serverDefaultAboveMaxDetSideIsRefusedAtStart() {
        ServerConfig cfg = ServerConfig.defaults().withPort(0).withMaxDetSide(512);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LectorServer.start(engine, cfg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }

    @Test
    void multiPageTiffIsReadPageByPageAndPagesSelects() {
        byte[] tiff = TestInputs.tiff(TestInputs.render(640, 160, "Page one alpha"), TestInputs.render(700, 160, "Page two beta"),
                TestInputs.render(760, 160, "Page three gamma"));
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http h = new Http(s.port());
            HttpResponse<String> all = h.post("/v1/ocr?cls=false", tiff, "image/tiff");
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            var pages = Http.json(all).path("pages");
            assertThat(pages).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(pages.get(i).path("page").asInt()).isEqualTo(i + 1);
                assertThat(pages.get(i).path("width").asInt()).isEqualTo(640 + 60 * i);
            }
            assertThat(LectorServerTest.squash(pages.get(1).path("text").asText())).contains("Pagetwobeta");

            HttpResponse<String> some = h.post("/v1/ocr?cls=false&pages=2-3", tiff, "image/tiff");
            assertThat(some.statusCode()).as(some.body()).isEqualTo(200);
            var selected = Http.json(some).path("pages");
            assertThat(selected).hasSize(2);
            assertThat(selected.get(0).path("page").asInt()).isEqualTo(2);
            assertThat(selected.get(1).path("page").asInt()).isEqualTo(3);
            assertThat(LectorServerTest.squash(selected.get(1).path("text").asText())).contains("Pagethreegamma");

            LectorServerTest.assertError(h.post("/v1/ocr?pages=4", tiff, "image/tiff"), 422, "bad_option");
            LectorServerTest.assertError(h.post("/v1/ocr?pages=2", HELLO, "image/png"), 422, "bad_option");
        }
    }

    @Test
    void internalIllegalArgumentIs500WithRequestIdNotA422() {
        ErrorMapper.ApiError e = ErrorMapper.map(new IllegalArgumentException("crop rectangle out of range: -3"), "req-42");
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.code()).isEqualTo("internal");
        assertThat(e.message()).contains("req-42").doesNotContain("crop rectangle");
        // validated client input stays a 4xx
        assertThat(ErrorMapper.map(new ApiException(ApiException.Kind.BAD_OPTION, "cls must be true or false"), "r").status())
                .isEqualTo(422);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http h = new Http(s.port());
            HttpResponse<String> r = h.get("/v1/ocr");
            LectorServerTest.assertError(r, 405, "method_not_allowed");
            assertThat(r.headers().firstValue("Allow")).hasValue("POST");
            HttpResponse<String> live = h.post("/health/live", new byte[] {1}, "application/octet-stream");
            LectorServerTest.assertError(live, 405, "method_not_allowed");
            assertThat(live.headers().firstValue("Allow")).hasValue("GET");
            LectorServerTest.assertError(h.get("/nope"), 404, "not_found");
            assertThat(h.get("/").statusCode()).isEqualTo(200);
        }
    }

    /** Sends {@code request} as raw bytes and returns the whole answer (the server closes after an error). */
    static String raw(int port, String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void jettysOwnErrorsAreJson() throws Exception {
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            String longUri = "GET /health/live?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            String bigHeader = "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n";
            String garbage = "GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n";
            for (var c : List.of(Map.entry(longUri, 414), Map.entry(bigHeader, 431), Map.entry(garbage, 400))) {
                String answer = raw(s.port(), c.getKey());
                assertThat(answer).as(answer).startsWith("HTTP/1.1 " + c.getValue());
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
                var err = dev.lector.render.JsonRenderer.mapper().readTree(body).path("error");
                assertThat(err.path("code").asText()).as(body).isNotBlank();
                assertThat(err.path("message").asText()).as(body).isNotBlank();
            }
        }
    }
}
