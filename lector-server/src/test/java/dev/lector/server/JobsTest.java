package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.server.jobs.JobsConfig;
import dev.lector.server.jobs.WebhookSignature;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/jobs} on the server as {@code lector serve --jobs-dir} wires it, in-process, with the embedded models. */
class JobsTest {

    static OcrEngine engine;
    final List<LectorServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults());
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) engine.close();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(LectorServer::close);
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    LectorServer start(JobsConfig jobs, ServerConfig config) {
        LectorServer s = LectorServer.start(engine, config.withPort(0).withWebPage(false), OcrOptions.DEFAULT, null, Map.of(), jobs);
        servers.add(s);
        return s;
    }

    LectorServer start(JobsConfig jobs) {
        return start(jobs, ServerConfig.defaults());
    }

    /** A scanned-like PDF: one image page per text (no text layer), 800x200 px at 150 dpi. */
    static byte[] scannedPdf(String... pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                BufferedImage img = TestInputs.render(800, 200, text);
                PDPage page = new PDPage(new PDRectangle(800 * 72f / 150, 200 * 72f / 150));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(LosslessFactory.createFromImage(doc, img), 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("gave up waiting for " + what);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static String submit(Http http, String query, byte[] body, String type, String... headers) {
        HttpResponse<String> r = http.post("/v1/jobs" + query, body, type, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Http.json(r).path("id").asText();
    }

    static JsonNode status(Http http, String id, String... headers) {
        HttpResponse<String> r = http.get("/v1/jobs/" + id, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    static JsonNode awaitEnd(Http http, String id, String... headers) {
        JsonNode[] last = new JsonNode[1];
        await("job " + id + " to end", () -> {
            last[0] = status(http, id, headers);
            String s = last[0].path("status").asText();
            return !s.equals("queued") && !s.equals("running");
        });
        return last[0];
    }

    static HttpResponse<String> delete(int port, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE();
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try (HttpClient c = HttpClient.newHttpClient()) {
            return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void submitPollAndFetchInEveryFormat() throws Exception {
        LectorServer s = start(JobsConfig.defaults(dir));
        Http http = new Http(s.port());
        byte[] pdf = scannedPdf("Lector jobs first", "Second page here");
        HttpResponse<String> accepted = http.post("/v1/jobs?cls=false", pdf, "application/pdf");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode a = Http.json(accepted);
        String id = a.path("id").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(a.path("status_url").asText()).isEqualTo("/v1/jobs/" + id);
        assertThat(accepted.headers().firstValue("Location")).contains("/v1/jobs/" + id);
        assertThat(a.path("pages_total").asInt()).isEqualTo(2);

        JsonNode st = awaitEnd(http, id);
        assertThat(st.path("status").asText()).as(st.toString()).isEqualTo("done");
        assertThat(st.path("pages_done").asInt()).isEqualTo(2);
        assertThat(st.path("pages_total").asInt()).isEqualTo(2);
        assertThat(st.path("error").isNull()).isTrue();
        Instant created = Instant.parse(st.path("created_at").asText());
        Instant started = Instant.parse(st.path("started_at").asText());
        Instant finished = Instant.parse(st.path("finished_at").asText());
        assertThat(started).isAfterOrEqualTo(created);
        assertThat(finished).isAfterOrEqualTo(started);
        assertThat(Instant.parse(st.path("expires_at").asText())).isEqualTo(finished.plus(Duration.ofHours(24)));

        JsonNode json = Http.json(http.get("/v1/jobs/" + id + "/result"));
        assertThat(json.path("pages")).hasSize(2);
        assertThat(json.path("pages").get(0).path("page").asInt()).isEqualTo(1);
        assertThat(json.path("pages").get(1).path("page").asInt()).isEqualTo(2);
        assertThat(squash(json.path("pages").get(0).path("text").asText())).isEqualTo("Lectorjobsfirst");
        assertThat(squash(json.path("pages").get(1).path("text").asText())).isEqualTo("Secondpagehere");
        assertThat(json.path("pages").get(0).path("lines").get(0).path("points")).hasSize(4);

        HttpResponse<String> text = http.get("/v1/jobs/" + id + "/result?format=text");
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(squash(text.body())).isEqualTo("LectorjobsfirstSecondpagehere");

        HttpResponse<String> hocr = http.get("/v1/jobs/" + id + "/result?format=hocr");
        assertThat(hocr.statusCode()).isEqualTo(200);
        assertThat(hocr.headers().firstValue("Content-Type").orElse("")).startsWith("application/xhtml+xml");
        assertThat(hocr.body().split("class=['\"]ocr_page['\"]", -1)).hasSize(3);
        assertThat(hocr.body()).contains("Second");

        HttpResponse<String> alto = http.get("/v1/jobs/" + id + "/result?format=alto");
        assertThat(alto.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(alto.body()).contains("<alto").contains("CONTENT=\"Lector\"");

        HttpRequest pdfReq = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/v1/jobs/" + id + "/result?format=pdf")).build();
        HttpResponse<byte[]> out;
        try (HttpClient c = HttpClient.newHttpClient()) {
            out = c.send(pdfReq, HttpResponse.BodyHandlers.ofByteArray());
        }
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("X-Lector-Ocr-Pages")).contains("1,2");
        try (PDDocument d = Loader.loadPDF(out.body())) {
            assertThat(d.getNumberOfPages()).isEqualTo(2);
            assertThat(squash(new PDFTextStripper().getText(d))).contains("Lectorjobsfirst").contains("Secondpagehere");
        }
        // the submission's own format is the result's default; a bad one is a 422
        LectorServerTest.assertError(http.get("/v1/jobs/" + id + "/result?format=docx"), 422, "bad_option");
    }

    @Test
    void extractJobsCarryFieldsAndBadRequestsAreRefusedBeforeAnythingIsStored() throws Exception {
        LectorServer s = start(JobsConfig.defaults(dir));
        Http http = new Http(s.port());
        byte[] receipt = TestInputs.png(900, 560, "BLUE DOOR CAFE LTD", "Date: 14/02/2019", "TOTAL 12.50", "CASH 20.00");
        String id = submit(http, "?task=extract&template=receipt", receipt, "image/png");
        assertThat(awaitEnd(http, id).path("status").asText()).isEqualTo("done");
        JsonNode r = Http.json(http.get("/v1/jobs/" + id + "/result"));
        assertThat(r.path("template").asText()).isEqualTo("receipt");
        assertThat(r.path("task").asText()).isEqualTo("extract");
        assertThat(r.path("pages").get(0).path("fields").path("total").path("normalized").asText()).isEqualTo("12.50");

        LectorServerTest.assertError(http.post("/v1/jobs?task=extract&template=nope", receipt, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/jobs?task=translate", receipt, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/jobs?det_limit_side=99999", receipt, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/jobs?pages=3", receipt, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/jobs", "not an image".getBytes(StandardCharsets.UTF_8), "image/png"), 415, "unsupported_type");
        LectorServerTest.assertError(http.post("/v1/jobs?callback_url=http%3A%2F%2Fexample.com%2Fhook", receipt, "image/png"), 422, "bad_option");
        try (var inputs = Files.list(dir.resolve("inputs"))) {
            assertThat(inputs.toList()).hasSize(1); // only the accepted job's
        }
        // multipart, as /v1/extract takes it
        HttpResponse<String> mp = http.multipart("/v1/jobs", receipt, "image/png", Map.of("task", "extract", "keys", "TOTAL"));
        assertThat(mp.statusCode()).as(mp.body()).isEqualTo(202);
        String id2 = Http.json(mp).path("id").asText();
        assertThat(awaitEnd(http, id2).path("status").asText()).isEqualTo("done");
        JsonNode keyed = Http.json(http.get("/v1/jobs/" + id2 + "/result")).path("pages").get(0).path("fields");
        assertThat(keyed.path("TOTAL").path("normalized").asText()).as(keyed.toString()).isEqualTo("12.50");
        // a JSON body (base64 image, options), as /v1/extract takes it
        HttpResponse<String> js = ServiceContractTest.postJson(http, "/v1/jobs",
                ServiceContractTest.json(receipt, "{\"task\":\"extract\",\"keys\":\"CASH\"}"));
        assertThat(js.statusCode()).as(js.body()).isEqualTo(202);
        String id3 = Http.json(js).path("id").asText();
        assertThat(awaitEnd(http, id3).path("status").asText()).isEqualTo("done");
        JsonNode cash = Http.json(http.get("/v1/jobs/" + id3 + "/result")).path("pages").get(0).path("fields");
        assertThat(cash.path("CASH").path("normalized").asText()).as(cash.toString()).isEqualTo("20.00");
    }

    @Test
    void deleteCancelsAQueuedJobAndAFinishedOneIsA409() {
        LectorServer s = start(JobsConfig.defaults(dir));
        Http http = new Http(s.port());
        String first = submit(http, "?cls=false", scannedPdf("one", "two", "three", "four"), "application/pdf");
        String second = submit(http, "?cls=false", scannedPdf("five", "six", "seven", "eight"), "application/pdf");
        HttpResponse<String> c = delete(s.port(), "/v1/jobs/" + second);
        assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
        assertThat(Http.json(c).path("status").asText()).isEqualTo("cancelled");
        assertThat(Http.json(c).path("finished_at").isNull()).isFalse();
        assertThat(delete(s.port(), "/v1/jobs/" + second).statusCode()).isEqualTo(200); // again: still cancelled

        assertThat(awaitEnd(http, first).path("status").asText()).isEqualTo("done");
        JsonNode cancelled = status(http, second);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("pages_done").asInt()).isLessThan(4);
        LectorServerTest.assertError(http.get("/v1/jobs/" + second + "/result"), 409, "job_not_done");
        LectorServerTest.assertError(delete(s.port(), "/v1/jobs/" + first), 409, "job_finished");
        LectorServerTest.assertError(delete(s.port(), "/v1/jobs/AAAAAAAAAAAAAAAAAAAAAA"), 404, "not_found");
    }

    @Test
    void resultsExpireAfterTheirTtlOnTheInjectedClock() throws Exception {
        TestClock clock = new TestClock();
        LectorServer s = start(JobsConfig.defaults(dir).withTtl(Duration.ofHours(1)).withClock(clock));
        Http http = new Http(s.port());
        String id = submit(http, "?cls=false", TestInputs.png(640, 160, "Expiring soon"), "image/png");
        JsonNode done = awaitEnd(http, id);
        assertThat(done.path("finished_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(done.path("expires_at").asText()).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(Files.exists(dir.resolve("inputs").resolve(id))).isTrue();

        clock.advance(Duration.ofMinutes(59));
        assertThat(http.get("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        LectorServerTest.assertError(http.get("/v1/jobs/" + id), 404, "not_found");
        LectorServerTest.assertError(http.get("/v1/jobs/" + id + "/result"), 404, "not_found");
        assertThat(Files.exists(dir.resolve("inputs").resolve(id))).isFalse();
    }

    @Test
    void aFullQueueIs429WithRetryAfterAndAFullDiskIs507() {
        LectorServer s = start(JobsConfig.defaults(dir).withMaxActive(1));
        Http http = new Http(s.port());
        String first = submit(http, "?cls=false", scannedPdf("a", "b", "c", "d", "e"), "application/pdf");
        HttpResponse<String> full = http.post("/v1/jobs", TestInputs.png(320, 120, "wait"), "image/png");
        LectorServerTest.assertError(full, 429, "queue_full");
        assertThat(full.headers().firstValue("Retry-After")).isPresent();
        assertThat(Integer.parseInt(full.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(awaitEnd(http, first).path("status").asText()).isEqualTo("done");
        assertThat(http.post("/v1/jobs", TestInputs.png(320, 120, "now"), "image/png").statusCode()).isEqualTo(202);

        byte[] img = TestInputs.png(320, 120, "disk");
        LectorServer small = start(JobsConfig.defaults(dir.resolve("small")).withMaxBytes(img.length + 10));
        Http h2 = new Http(small.port());
        submit(h2, "", img, "image/png");
        LectorServerTest.assertError(h2.post("/v1/jobs", img, "image/png"), 507, "insufficient_storage");
    }

    @Test
    void withApiKeysAJobIsVisibleOnlyToTheKeyThatMadeIt() {
        LectorServer s = start(JobsConfig.defaults(dir), ServerConfig.defaults().withApiKeys(List.of("key-one", "key-two")));
        Http http = new Http(s.port());
        String[] one = {"Authorization", "Bearer key-one"};
        String[] two = {"Authorization", "Bearer key-two"};
        String id = submit(http, "?cls=false", TestInputs.png(640, 160, "Mine only"), "image/png", one);
        assertThat(awaitEnd(http, id, one).path("status").asText()).isEqualTo("done");
        assertThat(http.get("/v1/jobs/" + id + "/result", one).statusCode()).isEqualTo(200);
        LectorServerTest.assertError(http.get("/v1/jobs/" + id, two), 404, "not_found");
        LectorServerTest.assertError(http.get("/v1/jobs/" + id + "/result", two), 404, "not_found");
        LectorServerTest.assertError(delete(s.port(), "/v1/jobs/" + id, two), 404, "not_found");
        LectorServerTest.assertError(http.get("/v1/jobs/" + id), 401, "unauthorized");
    }

    @Test
    void theWebhookIsSignedAndRetriedAfterA500() throws Exception {
        List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            calls.add(Map.of("ts", ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    "sig", ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                    "attempt", ex.getRequestHeaders().getFirst("Lector-Webhook-Attempt"),
                    "body", new String(body, StandardCharsets.UTF_8)));
            int status = calls.size() == 1 ? 500 : 204; // the first delivery fails
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        try {
            int port = receiver.getAddress().getPort();
            String secret = "test-webhook-secret";
            LectorServer s = start(JobsConfig.defaults(dir).withWebhooks(List.of("127.0.0.1:" + port), secret)
                    .withWebhookRetry(3, Duration.ofMillis(50)));
            Http http = new Http(s.port());
            String hook = URLEncoder.encode("http://127.0.0.1:" + port + "/hook", StandardCharsets.UTF_8);
            String id = submit(http, "?cls=false&callback_url=" + hook, TestInputs.png(640, 160, "Call me back"), "image/png");
            await("two webhook deliveries", () -> calls.size() >= 2);
            assertThat(calls).hasSize(2);
            for (int i = 0; i < 2; i++) {
                Map<String, String> call = calls.get(i);
                assertThat(call.get("attempt")).isEqualTo(String.valueOf(i + 1));
                // what a receiver does: HMAC-SHA256 over "timestamp.body" with the shared secret
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((call.get("ts") + "." + call.get("body")).getBytes(StandardCharsets.UTF_8));
                assertThat(call.get("sig")).isEqualTo("sha256=" + HexFormat.of().formatHex(expected));
                assertThat(WebhookSignature.verify(secret, call.get("ts"), call.get("body").getBytes(StandardCharsets.UTF_8), call.get("sig"))).isTrue();
                assertThat(WebhookSignature.verify("other", call.get("ts"), call.get("body").getBytes(StandardCharsets.UTF_8), call.get("sig"))).isFalse();
                assertThat(WebhookSignature.verify(secret, call.get("ts"), (call.get("body") + " ").getBytes(StandardCharsets.UTF_8), call.get("sig"))).isFalse();
                JsonNode body = dev.lector.render.JsonRenderer.mapper().readTree(call.get("body"));
                assertThat(body.path("id").asText()).isEqualTo(id);
                assertThat(body.path("status").asText()).isEqualTo("done");
                assertThat(body.path("event").asText()).isEqualTo("job.ended");
            }
            LectorServerTest.assertError(http.post("/v1/jobs?callback_url=" + URLEncoder.encode("http://127.0.0.2:" + port + "/hook",
                    StandardCharsets.UTF_8), TestInputs.png(320, 120, "x"), "image/png"), 422, "bad_option");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void metricsCountJobsByStateAndTheirDuration() {
        LectorServer s = start(JobsConfig.defaults(dir));
        Http http = new Http(s.port());
        String id = submit(http, "?cls=false", TestInputs.png(640, 160, "Counted"), "image/png");
        awaitEnd(http, id);
        // the job is done in the store a moment before its duration is recorded: wait for both
        await("the gauge and the duration to see the done job", () -> {
            String body = http.get("/metrics").body();
            return body.contains("lector_jobs{state=\"done\"} 1.0")
                    && body.contains("lector_job_duration_seconds_count{status=\"done\",task=\"ocr\"} 1");
        });
        String m = http.get("/metrics").body();
        assertThat(m).contains("lector_jobs{state=\"queued\"} 0.0").contains("lector_jobs_queue_length 0.0")
                .contains("lector_job_duration_seconds_count{status=\"done\",task=\"ocr\"} 1").doesNotContain("NaN");
        assertThat(m).containsPattern("lector_jobs_stored_bytes [1-9]");
    }

    @Test
    void requestsKeepTheirRoomInTheEngineWhileJobsRun() {
        // an engine admitting 2 pages at once: the one job worker holds at most one of them
        try (OcrEngine small = OcrEngine.open(EngineConfig.defaults().withMaxPendingPages(2))) {
            LectorServer s = LectorServer.start(small, ServerConfig.defaults().withPort(0).withWebPage(false), OcrOptions.DEFAULT, null,
                    Map.of(), JobsConfig.defaults(dir));
            try {
                Http http = new Http(s.port());
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) ids.add(submit(http, "?cls=false", scannedPdf("job " + i + " one", "two", "three"), "application/pdf"));
                await("a job to run", () -> status(http, ids.getFirst()).path("status").asText().equals("running"));
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> r = http.post("/v1/ocr?cls=false", TestInputs.png(640, 160, "Request " + i), "image/png");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(squash(Http.json(r).path("text").asText())).isEqualTo("Request" + i);
                }
                for (String id : ids) assertThat(awaitEnd(http, id).path("status").asText()).isEqualTo("done");
            } finally {
                s.close();
            }
            // as many workers as the engine has page slots would leave requests none
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LectorServer.start(small, ServerConfig.defaults().withPort(0),
                    OcrOptions.DEFAULT, null, Map.of(), JobsConfig.defaults(dir.resolve("b")).withWorkers(2)))
                    .hasMessageContaining("job workers (2) must be fewer");
        }
    }

    @Test
    void withoutAJobsFolderTheRoutesSaySo() {
        LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withWebPage(false));
        servers.add(s);
        HttpResponse<String> r = new Http(s.port()).post("/v1/jobs", TestInputs.png(320, 120, "x"), "image/png");
        LectorServerTest.assertError(r, 404, "not_found");
        assertThat(r.body()).contains("--jobs-dir");
        JsonNode api = Http.json(new Http(s.port()).get("/openapi.json")).path("paths");
        assertThat(api.path("/v1/jobs").has("post")).isTrue();
        assertThat(api.path("/v1/jobs/{id}").has("get")).isTrue();
        assertThat(api.path("/v1/jobs/{id}").has("delete")).isTrue();
        assertThat(api.path("/v1/jobs/{id}/result").has("get")).isTrue();
    }
}
