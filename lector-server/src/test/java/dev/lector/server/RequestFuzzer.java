package dev.lector.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lector.detect.Detection;
import dev.lector.geometry.Size;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.EngineFactory;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes request options and multipart handling (issue 13, item 7): any query, header, content
 * type, multipart structure and body sent to the in-process server (over stages that find no
 * text, so that one request is cheap) is answered below 500, and every error in the JSON error
 * shape; {@link RequestOptions#parse} refuses any bad value with an {@link ApiException} only.
 */
public class RequestFuzzer {

    static final List<String> PATHS = List.of("/v1/ocr", "/ocr", "/v1/extract", "/v1/preprocess", "/v1/models", "/health/live");
    static final List<String> PARAMS = List.of("cls", "preprocess", "page_orientation", "det_limit_side", "format", "pages",
            "page_images", "template", "fields", "preset", "engine");
    static final List<String> TYPES = List.of("image/png", "application/pdf", "application/octet-stream", "image/jpeg", "text/plain", "");

    /** The server, started on first use and kept for the JVM's life (a fuzzing run). */
    private static final class Server {
        static final OcrEngine ENGINE = EngineFactory.fromStages(EngineConfig.defaults().withWorkers(1),
                r -> new Detection(List.of(), new Size(r.image().width(), r.image().height())), null,
                crops -> { throw new AssertionError("no crop to recognise"); }, null);
        static final LectorServer SERVER = LectorServer.start(ENGINE, ServerConfig.defaults().withPort(0).withCache(0, 0)
                .withMaxBodyBytes(1 << 20).withRequestTimeout(Duration.ofSeconds(20)));
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @FuzzTest(maxDuration = "3s")
    void requests(FuzzedDataProvider data) throws Exception {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's command line ({@code --target_class}). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        Map<String, String> params = new HashMap<>();
        int n = data.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
            String name = data.consumeBoolean() ? data.pickValue(PARAMS) : data.consumeAsciiString(8);
            params.put(name, data.consumeString(24));
        }
        try {
            RequestOptions.parse(params::get, OcrOptions.DEFAULT, 3072);
        } catch (ApiException e) {
            // a 422 naming the option
        }

        StringBuilder query = new StringBuilder();
        for (var p : params.entrySet()) {
            query.append(query.isEmpty() ? '?' : '&').append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        String path = data.pickValue(PATHS);
        String timeout = data.consumeBoolean() ? data.consumeAsciiString(6) : null;
        boolean multipart = data.consumeBoolean();
        String type;
        byte[] body;
        if (multipart) {
            String boundary = data.consumeBoolean() ? "lector-fuzz" : data.consumeAsciiString(20);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int parts = data.consumeInt(0, 3);
            for (int i = 0; i < parts; i++) {
                String name = data.consumeBoolean() ? "image" : data.consumeBoolean() ? data.pickValue(PARAMS) : data.consumeAsciiString(6);
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                        + (data.consumeBoolean() ? "; filename=\"f\"" : "") + "\r\nContent-Type: " + data.pickValue(TYPES) + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.writeBytes(data.consumeBytes(data.consumeInt(0, 2048)));
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            if (data.consumeBoolean()) out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data.consumeRemainingAsBytes());
            type = "multipart/form-data; boundary=" + boundary;
            body = out.toByteArray();
        } else {
            type = data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeAsciiString(30);
            body = data.consumeRemainingAsBytes();
        }

        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Server.SERVER.port() + path + query)).timeout(Duration.ofSeconds(30));
            if (!type.isEmpty()) b.header("Content-Type", type);
            if (timeout != null) b.header(OcrRoutes.TIMEOUT_HEADER, timeout);
        } catch (IllegalArgumentException e) {
            return; // not a request a client can send (a header value the HTTP client refuses)
        }
        b = path.startsWith("/health") || path.equals("/v1/models") ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r;
        try {
            r = Server.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return; // the server closed a connection after refusing a body it did not read (413)
        }
        // engine=vlm on a server without a VLM back end is a documented 503 (docs/vlm.md), not a failure
        boolean vlmUnconfigured = r.statusCode() == 503 && r.body().contains("no VLM back end is configured");
        if (r.statusCode() >= 500 && !vlmUnconfigured) throw new AssertionError(r.statusCode() + " for " + path + query + " (" + type + "): " + r.body());
        if (r.statusCode() >= 400) {
            var err = dev.lector.render.JsonRenderer.mapper().readTree(r.body()).path("error");
            if (err.path("code").asText().isEmpty() || err.path("message").asText().isEmpty()) {
                throw new AssertionError("error not in the JSON shape: " + r.statusCode() + " " + r.body());
            }
        }
    }
}
