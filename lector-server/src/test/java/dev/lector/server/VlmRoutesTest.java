package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.vlm.FakeOpenAiServer;
import dev.lector.vlm.VlmConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VLM routes in the real server wiring, against the protocol fake; PP-OCR beside them. */
class VlmRoutesTest {

    static OcrEngine engine;
    FakeOpenAiServer fake;
    LectorServer server;
    Http http;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void start() {
        fake = new FakeOpenAiServer("tencent/HunyuanOCR");
        VlmConfig vlm = VlmConfig.hunyuan(fake.baseUrl(), fake.model()).withRetries(0, Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)).withMaxConcurrent(8);
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0), OcrOptions.DEFAULT, vlm);
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        fake.close();
    }

    @Test
    void ocrWithEngineVlmAnswersThePageEnvelope() {
        fake.then(new FakeOpenAiServer.Answer("Hello(100,100),(500,200)"));
        HttpResponse<String> r = http.post("/v1/ocr?engine=vlm", TestInputs.png(400, 200, "Hello"), "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.path("engine").asText()).isEqualTo("vlm");
        assertThat(j.path("pages").get(0).path("lines").get(0).path("text").asText()).isEqualTo("Hello");
        assertThat(j.path("pages").get(0).path("lines").get(0).path("points").toString()).isEqualTo("[[40,20],[200,20],[200,40],[40,40]]");
        assertThat(j.path("vlm").path("pages").get(0).path("finish").asText()).isEqualTo("stop");
        assertThat(fake.chatRequests().getFirst().mediaType()).isEqualTo("image/png");
    }

    @Test
    void parseAndTranslate() {
        fake.then(new FakeOpenAiServer.Answer("# Title"), new FakeOpenAiServer.Answer("Hello"), new FakeOpenAiServer.Answer("# Title"));
        JsonNode p = Http.json(http.post("/v1/parse", TestInputs.png(200, 100, "x"), "image/png"));
        assertThat(p.path("markdown").asText()).isEqualTo("# Title");
        assertThat(p.path("pages").get(0).path("markdown").asText()).isEqualTo("# Title");
        HttpResponse<String> t = http.post("/v1/translate?to=en", TestInputs.png(200, 100, "x"), "image/png");
        assertThat(Http.json(t).path("text").asText()).isEqualTo("Hello");
        assertThat(Http.json(t).path("to").asText()).isEqualTo("en");
        HttpResponse<String> md = http.post("/v1/parse?format=markdown", TestInputs.png(200, 100, "x"), "image/png");
        assertThat(md.body()).isEqualTo("# Title");
        assertThat(md.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
        assertThat(http.post("/v1/translate?to=fr", TestInputs.png(200, 100, "x"), "image/png").statusCode()).isEqualTo(422);
        assertThat(http.post("/v1/ocr?engine=gpu", TestInputs.png(200, 100, "x"), "image/png").statusCode()).isEqualTo(422);
    }

    @Test
    void failuresGetTheirStatusAndMetricsCountThem() {
        fake.then(new FakeOpenAiServer.Status(503, "0", "loading"), new FakeOpenAiServer.Stall(Duration.ofSeconds(30), true),
                new FakeOpenAiServer.Answer("{\"broken\": "), new FakeOpenAiServer.Status(400, null, "bad image"));
        byte[] img = TestInputs.png(200, 100, "x");
        HttpResponse<String> busy = http.post("/v1/parse", img, "image/png");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(Http.json(busy).path("error").path("code").asText()).isEqualTo("vlm_unavailable");
        HttpResponse<String> slow = http.post("/v1/parse", img, "image/png");
        assertThat(slow.statusCode()).isEqualTo(504);
        HttpResponse<String> broken = http.post("/v1/ocr?engine=vlm", img, "image/png");
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(Http.json(broken).path("error").path("message").asText()).contains("{\"broken\":");
        HttpResponse<String> refused = http.post("/v1/parse", img, "image/png");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(Http.json(refused).path("error").path("code").asText()).isEqualTo("vlm_refused");
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("lector_vlm_requests_total{status=\"unavailable\",task=\"parse\"} 1.0")
                .contains("lector_vlm_requests_total{status=\"timeout\",task=\"parse\"} 1.0")
                .contains("lector_vlm_requests_total{status=\"unparseable\",task=\"spot\"} 1.0")
                .contains("lector_vlm_tokens_total{direction=\"in\"}");
    }

    @Test
    void anUnreachableBackEndIs502AndReadinessStaysGreen() throws Exception {
        fake.close();
        HttpResponse<String> r = http.post("/v1/parse", TestInputs.png(200, 100, "x"), "image/png");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(Http.json(r).path("error").path("code").asText()).isEqualTo("vlm_unreachable");
        JsonNode ready = null;
        for (int i = 0; i < 100; i++) { // the probe runs in the background
            HttpResponse<String> h = http.get("/health/ready");
            assertThat(h.statusCode()).isEqualTo(200);
            ready = Http.json(h);
            if (ready.path("vlm").path("checked_at_ms").asLong() > 0) break;
            Thread.sleep(50);
        }
        assertThat(ready.path("status").asText()).isEqualTo("ready");
        assertThat(ready.path("vlm").path("reachable").asBoolean()).isFalse();
        assertThat(ready.path("vlm").path("message").asText()).contains("refused");
    }

    @Test
    void modelsReportTheBackEndWithoutTheKey() throws Exception {
        JsonNode m = null;
        for (int i = 0; i < 100; i++) {
            m = Http.json(http.get("/v1/models"));
            if (m.path("vlm").path("reachable").asBoolean()) break;
            Thread.sleep(50);
        }
        assertThat(m.path("vlm").path("reachable").asBoolean()).isTrue();
        assertThat(m.path("vlm").path("model").asText()).isEqualTo("tencent/HunyuanOCR");
        assertThat(m.path("vlm").path("models").toString()).isEqualTo("[\"tencent/HunyuanOCR\"]");
        assertThat(m.path("vlm").path("settings").path("timeout_ms").asLong()).isEqualTo(1000);
        assertThat(m.path("models").size()).isGreaterThan(0); // PP-OCR's models still listed
    }

    @Test
    void ppOcrIsAnsweredWhileEightVlmRequestsHang() throws Exception {
        fake.otherwise(r -> new FakeOpenAiServer.Stall(Duration.ofSeconds(30), true));
        byte[] img = TestInputs.png(200, 100, "x");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> hanging = new ArrayList<>();
            for (int i = 0; i < 8; i++) hanging.add(pool.submit(() -> http.post("/v1/parse", img, "image/png")));
            for (int i = 0; i < 200 && fake.active() < 8; i++) Thread.sleep(10);
            assertThat(fake.active()).isEqualTo(8);
            HttpResponse<String> ocr = http.post("/v1/ocr", TestInputs.png(640, 120, "Apples 12"), "image/png");
            assertThat(ocr.statusCode()).isEqualTo(200);
            assertThat(Http.json(ocr).path("text").asText()).contains("Apples");
            for (Future<HttpResponse<String>> f : hanging) assertThat(f.get().statusCode()).isEqualTo(504);
        }
    }

    @Test
    void withoutABackEndTheVlmRoutesAnswer503() {
        try (LectorServer plain = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http h = new Http(plain.port());
            HttpResponse<String> r = h.post("/v1/parse", TestInputs.png(200, 100, "x"), "image/png");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(Http.json(r).path("error").path("message").asText()).contains("--vlm-url");
            assertThat(Http.json(h.get("/health/ready")).has("vlm")).isFalse();
        }
    }

    @Test
    void extractWithEngineAutoAsksTheModelOnlyForMissingFields() {
        fake.then(new FakeOpenAiServer.Answer("{\"Total\": \"45.10\"}"));
        byte[] img = TestInputs.png(800, 200, "Invoice No: A-1047", "Thank you");
        HttpResponse<String> r = http.post("/v1/extract?engine=auto&keys=Invoice%20No,Total", img, "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = Http.json(r).path("pages").get(0);
        assertThat(Http.json(r).path("engine").asText()).isEqualTo("auto");
        assertThat(page.at("/fields/Invoice No/engine").asText()).isEqualTo("ppocr");
        assertThat(page.at("/fields/Total/engine").asText()).isEqualTo("vlm");
        assertThat(page.at("/fields/Total/value").asText()).isEqualTo("45.10");
        assertThat(page.path("asked_vlm").toString()).isEqualTo("[\"Total\"]");
        assertThat(fake.chatRequests()).hasSize(1);
        assertThat(fake.chatRequests().getFirst().prompt()).contains("['Total']");

        // the back end failing leaves the rules' fields, with the reason
        fake.then(new FakeOpenAiServer.Status(400, null, "bad image"));
        JsonNode again = Http.json(http.post("/v1/extract?engine=auto&keys=Invoice%20No,Total", img, "image/png")).path("pages").get(0);
        assertThat(again.path("vlm_error").asText()).isNotEmpty();
        assertThat(again.at("/fields/Invoice No/engine").asText()).isEqualTo("ppocr");
        assertThat(again.path("fields").has("Total")).isFalse();

        assertThat(http.post("/v1/ocr?engine=auto", img, "image/png").statusCode()).isEqualTo(422);
        assertThat(http.post("/v1/extract?engine=auto&template=kv", img, "image/png").statusCode()).isEqualTo(422);
        try (LectorServer plain = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            assertThat(new Http(plain.port()).post("/v1/extract?engine=auto&keys=Total", img, "image/png").statusCode()).isEqualTo(503);
        }
    }
}
