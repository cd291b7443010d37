package dev.lector.server;

import static dev.lector.server.LectorServerTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.render.JsonRenderer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every route of the service keeps, on the server as {@code lector serve} wires it: a request
 * id on every answer, 405 for a wrong method, one access log line per request, JSON (base64)
 * input, one image per multipart request, metrics in strict Prometheus text, the /docs page.
 */
class ServiceContractTest {

    static final byte[] HELLO = TestInputs.png(640, 160, "Hello Lector 2026");
    static final byte[] RECEIPT = TestInputs.png(900, 560, "BLUE DOOR CAFE LTD", "Date: 14/02/2019", "TOTAL 12.50", "CASH 20.00");
    static final Pattern TEXT_LINE = Pattern.compile(
            "time=\\S+Z request_id=\\S+ method=\\S+ route=\\S+ status=\\d{3} ms=\\d+\\.\\d bytes_in=\\d+ bytes_out=\\d+ key=\\S+");

    static OcrEngine engine;
    static LectorServer server;
    static Http http;

    @BeforeAll
    static void start() {
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1));
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    static String json(byte[] image, String options) {
        return "{\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"" + (options == null ? "" : ",\"options\":" + options) + "}";
    }

    static HttpResponse<String> postJson(Http h, String path, String body, String... headers) {
        return h.post(path, body.getBytes(StandardCharsets.UTF_8), "application/json", headers);
    }

    static HttpResponse<byte[]> getBytes(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The Allow header a 405 on {@code path} must carry. */
    static String allow(Set<String> methods) {
        return String.join(", ", new TreeSet<>(methods));
    }

    @Test
    void everyAnswerCarriesTheClientsRequestId() throws Exception {
        List<String> asked = new ArrayList<>();
        int n = 0;
        for (var route : server.routes().entrySet()) {
            for (String method : route.getValue()) {
                String id = "contract-" + (n++);
                HttpResponse<String> r = method.equals("GET") ? http.get(route.getKey(), "X-Request-Id", id)
                        : http.post(route.getKey(), new byte[0], "image/png", "X-Request-Id", id);
                assertThat(r.headers().firstValue("X-Request-Id")).as(method + " " + route.getKey() + " (" + r.statusCode() + ")").hasValue(id);
                asked.add(method + " " + route.getKey());
            }
        }
        assertThat(asked).contains("POST /v1/ocr", "POST /ocr", "POST /v1/extract", "POST /v1/parse", "POST /v1/translate",
                "GET /v1/models", "GET /metrics", "GET /openapi.json", "GET /docs", "GET /docs/swagger-ui-bundle.js");
        // the web page's files, an unknown path, a wrong method, an answer with a body
        for (String path : List.of("/", "/app.js", "/app.css", "/nope")) {
            assertThat(http.get(path, "X-Request-Id", "static-1").headers().firstValue("X-Request-Id")).as(path).hasValue("static-1");
        }
        assertThat(http.get("/v1/ocr", "X-Request-Id", "wrong-method").headers().firstValue("X-Request-Id")).hasValue("wrong-method");
        HttpResponse<String> ok = postJson(http, "/v1/ocr", json(HELLO, null), "X-Request-Id", "json-1");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-Request-Id")).hasValue("json-1");
        assertThat(Http.json(ok).path("request_id").asText()).isEqualTo("json-1");
        // Jetty's own answer to a request it cannot parse: a new id, since the headers could not be read
        String answer = AbuseTest.raw(server.port(), "GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsPattern("(?i)x-request-id: [0-9a-f-]{36}\r\n");
        // refused before any route: a missing key
        try (LectorServer guarded = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withApiKeys(List.of("k1")))) {
            HttpResponse<String> r = new Http(guarded.port()).post("/v1/ocr", HELLO, "image/png", "X-Request-Id", "no-key");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("X-Request-Id")).hasValue("no-key");
        }
    }

    @Test
    void aWrongMethodOnEveryRouteIs405WithAllow() {
        for (var route : server.routes().entrySet()) {
            String path = route.getKey();
            List<HttpResponse<String>> wrong = new ArrayList<>();
            if (!route.getValue().contains("GET")) wrong.add(http.get(path));
            if (!route.getValue().contains("POST")) wrong.add(http.post(path, new byte[] {1}, "application/octet-stream"));
            for (HttpResponse<String> r : wrong) {
                assertError(r, 405, "method_not_allowed");
                assertThat(r.headers().firstValue("Allow")).as(path).hasValue(allow(route.getValue()));
            }
            assertThat(wrong).as(path).hasSize(1);
        }
    }

    @Test
    void oneAccessLogLinePerRequestNamingTheKeyNeverTheKey() throws Exception {
        String first = "first-secret-key-123";
        String second = "second-secret-key-456";
        ServerConfig cfg = ServerConfig.defaults().withPort(0).withApiKeys(List.of(first, second)).withMaxBodyBytes(200_000);
        try (LogCapture log = new LogCapture(); LectorServer s = LectorServer.start(engine, cfg)) {
            Http h = new Http(s.port());
            HttpResponse<String> ok = h.post("/v1/ocr", HELLO, "image/png", "Authorization", "Bearer " + second, "X-Request-Id", "al-ok");
            assertThat(ok.statusCode()).isEqualTo(200);
            String line = log.accessLine(l -> l.contains("request_id=al-ok "));
            assertThat(line).matches(TEXT_LINE).contains(" method=POST route=/v1/ocr status=200 ", " key=key-2")
                    .contains(" bytes_in=" + HELLO.length + " ", " bytes_out=" + ok.body().getBytes(StandardCharsets.UTF_8).length + " ");

            assertThat(h.post("/v1/ocr", HELLO, "image/png", "Authorization", "Bearer " + first + "x", "X-Request-Id", "al-401").statusCode())
                    .isEqualTo(401);
            assertThat(log.accessLine(l -> l.contains("request_id=al-401 "))).matches(TEXT_LINE)
                    .contains(" route=/v1/ocr status=401 ", " key=-");
            assertThat(h.get("/nope", "X-Request-Id", "al-404").statusCode()).isEqualTo(404);
            assertThat(log.accessLine(l -> l.contains("request_id=al-404 "))).matches(TEXT_LINE).contains(" method=GET route=unmatched status=404 ");
            assertThat(h.get("/v1/extract", "Authorization", "Bearer " + first, "X-Request-Id", "al-405").statusCode()).isEqualTo(405);
            assertThat(log.accessLine(l -> l.contains("request_id=al-405 "))).contains(" route=/v1/extract status=405 ", " key=key-1");
            HttpResponse<String> big = Http.ownConnections(s.port()).post("/v1/ocr", new byte[300_000], "image/png",
                    "Authorization", "Bearer " + first, "X-Request-Id", "al-413");
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(log.accessLine(l -> l.contains("request_id=al-413 "))).matches(TEXT_LINE).contains(" status=413 ", " key=key-1");
            String answer = AbuseTest.raw(s.port(), "GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
            String id = answer.replaceAll("(?is).*x-request-id: ([0-9a-f-]{36}).*", "$1");
            assertThat(log.accessLine(l -> l.contains("request_id=" + id + " "))).matches(TEXT_LINE).contains(" status=400 ", " route=- ");

            assertThat(log.lines()).noneMatch(l -> l.contains(first) || l.contains(second));
        }
    }

    @Test
    void jsonAccessLogLinesAreOneObjectEach() throws Exception {
        try (LogCapture log = new LogCapture();
             LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withLogFormat(LogFormat.JSON))) {
            Http h = new Http(s.port());
            HttpResponse<String> r = h.get("/v1/models", "X-Request-Id", "json-log-1");
            assertThat(r.statusCode()).isEqualTo(200);
            String line = log.accessLine(l -> l.contains("\"json-log-1\""));
            JsonNode j = JsonRenderer.mapper().readTree(line);
            assertThat(j.path("request_id").asText()).isEqualTo("json-log-1");
            assertThat(j.path("method").asText()).isEqualTo("GET");
            assertThat(j.path("route").asText()).isEqualTo("/v1/models");
            assertThat(j.path("status").asInt()).isEqualTo(200);
            assertThat(j.path("ms").isNumber()).isTrue();
            assertThat(j.path("bytes_in").asLong()).isZero();
            assertThat(j.path("bytes_out").asLong()).isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
            assertThat(j.path("key").isNull()).isTrue();
            assertThat(java.time.Instant.parse(j.path("time").asText())).isNotNull();
        }
    }

    @Test
    void base64JsonInputReadsLikeARawBody() {
        String raw = Http.json(http.post("/v1/ocr?cls=false", HELLO, "image/png")).path("text").asText();
        HttpResponse<String> r = postJson(http, "/v1/ocr", json(HELLO, "{\"cls\":false}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r).path("text").asText()).isEqualTo(raw).contains("Hello");
        // the cache saw the same bytes and options
        assertThat(Http.json(r).path("cached").asBoolean()).isTrue();
        // options from the JSON: text format; the query wins over them
        HttpResponse<String> text = postJson(http, "/v1/ocr", json(HELLO, "{\"format\":\"text\"}"));
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(LectorServerTest.squash(text.body())).contains("HelloLector2026");
        HttpResponse<String> query = postJson(http, "/v1/ocr?format=json", json(HELLO, "{\"format\":\"text\"}"));
        assertThat(query.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        // a data: URI, on the simple route
        String dataUri = "{\"image\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(HELLO) + "\"}";
        HttpResponse<String> simple = postJson(http, "/ocr", dataUri);
        assertThat(simple.statusCode()).as(simple.body()).isEqualTo(200);
        assertThat(LectorServerTest.squash(Http.json(simple).path("text").toString())).contains("HelloLector2026");
        // /v1/extract: what to extract is an option too, here as a list of keys
        HttpResponse<String> ex = postJson(http, "/v1/extract", json(RECEIPT, "{\"keys\":[\"Total\",\"Cash\"]}"));
        assertThat(ex.statusCode()).as(ex.body()).isEqualTo(200);
        JsonNode fields = Http.json(ex).path("pages").get(0).path("fields");
        assertThat(fields.path("Total").path("normalized").asText()).as(fields.toString()).isEqualTo("12.50");
        assertThat(fields.path("Cash").path("normalized").asText()).as(fields.toString()).isEqualTo("20.00");
        // a bad option inside the JSON is the same 422 as in the query
        assertError(postJson(http, "/v1/ocr", json(HELLO, "{\"cls\":\"maybe\"}")), 422, "bad_option");
    }

    @Test
    void theVlmRoutesTakeJsonInputToo() {
        dev.lector.vlm.FakeOpenAiServer fake = new dev.lector.vlm.FakeOpenAiServer("tencent/HunyuanOCR");
        dev.lector.vlm.VlmConfig vlm = dev.lector.vlm.VlmConfig.hunyuan(fake.baseUrl(), fake.model()).withRetries(0, java.time.Duration.ZERO)
                .withTimeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1));
        try (fake; LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0), dev.lector.pipeline.OcrOptions.DEFAULT, vlm)) {
            Http h = new Http(s.port());
            byte[] img = TestInputs.png(400, 200, "Hello");
            fake.then(new dev.lector.vlm.FakeOpenAiServer.Answer("Hello(100,100),(500,200)"), new dev.lector.vlm.FakeOpenAiServer.Answer("# Title"),
                    new dev.lector.vlm.FakeOpenAiServer.Answer("Bonjour"));
            // engine=vlm chosen from the JSON options, before the route reads the image
            HttpResponse<String> ocr = postJson(h, "/v1/ocr", json(img, "{\"engine\":\"vlm\"}"));
            assertThat(ocr.statusCode()).as(ocr.body()).isEqualTo(200);
            assertThat(Http.json(ocr).path("engine").asText()).isEqualTo("vlm");
            assertThat(fake.chatRequests().getFirst().mediaType()).isEqualTo("image/png");
            HttpResponse<String> parse = postJson(h, "/v1/parse", json(img, null));
            assertThat(Http.json(parse).path("markdown").asText()).as(parse.body()).isEqualTo("# Title");
            HttpResponse<String> tr = postJson(h, "/v1/translate", json(img, "{\"to\":\"en\",\"format\":\"text\"}"));
            assertThat(tr.statusCode()).as(tr.body()).isEqualTo(200);
            assertThat(tr.body()).isEqualTo("Bonjour");
        }
    }

    @Test
    void badJsonBodiesAre400AndTheDecodedSizeIsCapped() {
        assertError(postJson(http, "/v1/ocr", "{\"image\":\"%%% not base64 %%%\"}"), 400, "bad_request");
        assertError(postJson(http, "/v1/ocr", "{\"image\":"), 400, "bad_request");
        assertError(postJson(http, "/v1/ocr", "{\"picture\":\"AAAA\"}"), 400, "bad_request");
        assertError(postJson(http, "/v1/ocr", "{\"options\":{\"cls\":false}}"), 400, "empty");
        assertError(postJson(http, "/v1/extract", "{\"image\":\"!\",\"options\":{\"keys\":\"Total\"}}"), 400, "bad_request");
        assertError(postJson(http, "/v1/ocr", ""), 400, "empty");
        // base64 that decodes to something that is not an image: as a raw body would be
        assertError(postJson(http, "/v1/ocr", json("just some text, not an image".getBytes(), null)), 415, "unsupported_type");
        try (LectorServer small = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withMaxBodyBytes(HELLO.length - 1))) {
            // the JSON text fits its own cap (4/3 of the image cap and room for options); the decoded image does not
            HttpResponse<String> r = postJson(Http.ownConnections(small.port()), "/v1/ocr", json(HELLO, null));
            assertError(r, 413, "body_too_large");
            assertThat(Http.json(r).path("error").path("message").asText()).contains("decoded image");
            String padded = "{\"image\":\"AAAA\",\"options\":{\"x\":\"" + "y".repeat((int) JsonInput.maxBodyBytes(HELLO.length - 1)) + "\"}}";
            assertError(postJson(Http.ownConnections(small.port()), "/v1/ocr", padded), 413, "body_too_large");
        }
    }

    @Test
    void aSecondImagePartIs400() {
        String boundary = "two-images";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p" + i + ".png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HELLO);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/v1/ocr", "/ocr", "/v1/extract?keys=Total")) {
            HttpResponse<String> r = http.post(path, out.toByteArray(), "multipart/form-data; boundary=" + boundary);
            assertError(r, 400, "bad_request");
            assertThat(Http.json(r).path("error").path("message").asText()).contains("'image' appears 2 times");
        }
        // one image part stays fine
        assertThat(http.multipart("/v1/ocr", HELLO, "image/png", Map.of("cls", "false")).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreStrictPrometheusTextWithHelpAndNoNaN() {
        http.post("/v1/ocr", HELLO, "image/png");
        http.post("/v1/ocr", HELLO, "image/png");
        http.get("/nope");
        String scrape = http.get("/metrics").body();
        Map<String, PrometheusText.Family> families = PrometheusText.parse(scrape);
        List<String> lector = families.keySet().stream().filter(n -> n.startsWith("lector_")).toList();
        assertThat(lector).contains("lector_build_info", "lector_http_requests_total", "lector_http_request_duration_seconds",
                "lector_stage_duration_seconds", "lector_requests_in_flight", "lector_cache_entries", "lector_cache_requests_total",
                "lector_queue_depth", "lector_pages_in_flight", "lector_batch_size", "lector_batch_duration_seconds");
        for (String name : lector) {
            PrometheusText.Family f = families.get(name);
            assertThat(f.help).as("HELP of " + name).isNotBlank();
            assertThat(f.type).as("TYPE of " + name).isNotNull();
            assertThat(f.samples).as("samples of " + name).isNotEmpty();
            for (PrometheusText.Sample s : f.samples) assertThat(s.value()).as(s.toString()).isNotNaN();
        }
        PrometheusText.Sample build = families.get("lector_build_info").samples.get(0);
        assertThat(build.value()).isEqualTo(1.0);
        assertThat(build.labels()).containsEntry("version", dev.lector.BuildInfo.current().version()).containsKeys("commit", "java");
        assertThat(families.get("lector_http_requests_total").samples).anyMatch(s -> "unmatched".equals(s.labels().get("route")));
    }

    @Test
    void promtoolFindsNothingInLectorsMetrics() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "no /usr/bin/promtool: apt-get install -y prometheus");
        http.post("/v1/ocr", HELLO, "image/png");
        String scrape = http.get("/metrics").body();
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out.lines().filter(l -> l.contains("lector_")).toList()).as(out).isEmpty();
    }

    @Test
    void docsPageAndItsFilesComeFromTheServer() throws Exception {
        HttpResponse<String> page = http.get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/docs.js")
                .doesNotContain("http://", "https://");
        for (var asset : DocsPage.ASSETS.entrySet()) {
            HttpResponse<byte[]> r = getBytes("/docs/" + asset.getKey());
            assertThat(r.statusCode()).as(asset.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(asset.getKey())
                    .startsWith(asset.getValue().replaceAll(";.*", ""));
            assertThat(r.body().length).as(asset.getKey()).isPositive();
        }
        assertThat(getBytes("/docs/swagger-ui-bundle.js").body().length).isGreaterThan(100_000);
        String init = http.get("/docs/docs.js").body();
        assertThat(init).contains("'/openapi.json'", "validatorUrl: null");
        assertError(http.get("/docs/index.html"), 404, "not_found");
        assertError(http.get("/docs/swagger-initializer.js"), 404, "not_found");
    }

    @Test
    void theOpenApiDocumentNamesEveryInstalledRoute() {
        JsonNode paths = Http.json(http.get("/openapi.json")).path("paths");
        for (var route : server.routes().entrySet()) {
            if (route.getKey().startsWith(DocsPage.PATH + "/")) continue; // the page's own files
            JsonNode item = paths.path(route.getKey());
            assertThat(item.isObject()).as(route.getKey() + " in openapi.json").isTrue();
            for (String m : route.getValue()) {
                assertThat(item.path(m.toLowerCase(java.util.Locale.ROOT)).path("operationId").asText()).as(m + " " + route.getKey()).isNotBlank();
            }
        }
    }
}
