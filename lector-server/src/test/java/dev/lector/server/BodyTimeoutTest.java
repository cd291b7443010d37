package dev.lector.server;

import static dev.lector.server.SlowClientTest.code;
import static dev.lector.server.SlowClientTest.readAll;
import static dev.lector.server.SlowClientTest.readAnswer;
import static dev.lector.server.SlowClientTest.send;
import static dev.lector.server.SlowClientTest.socket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole-body read deadline ({@code --body-timeout-ms}, issue 13 item 2): a body that
 * trickles in (a byte at a time, below the idle timeout) or stalls is answered 408 and its
 * connection closed, whether it is multipart, raw or JSON; the server goes on serving.
 * Request and idle timeouts stay at their 30 s defaults, so only the body deadline can end these.
 */
class BodyTimeoutTest {

    static OcrEngine engine;
    static LectorServer server;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1));
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withCache(0, 0),
                ProtectionConfig.defaults().withBodyTimeout(Duration.ofMillis(600)));
    }

    @AfterAll
    static void close() {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    static final String BOUNDARY = "lectorBoundary42";

    static String head(String contentType, long length) {
        return "POST /v1/ocr HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /**
     * Sends {@code start}, then a byte every 100 ms (far below the idle timeout) until the server
     * answers; checks the answer is the JSON 408 with {@code Connection: close} and the connection
     * then ends. Returns how many trickled bytes were sent.
     */
    static int tricklesInto408(String start) throws Exception {
        try (Socket sock = socket(server.port())) {
            send(sock, start);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            Thread trickle = Thread.ofPlatform().daemon().start(() -> {
                while (!stop.get()) {
                    try {
                        send(sock, "x");
                        sent.incrementAndGet();
                        Thread.sleep(100);
                    } catch (IOException | InterruptedException e) {
                        return; // answered and closed
                    }
                }
            });
            try {
                String answer = readAnswer(sock);
                assertThat(answer).as(answer).startsWith("HTTP/1.1 408");
                assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-type: application/json").contains("connection: close");
                assertThat(code(answer)).isEqualTo("request_timeout");
                assertThat(answer).contains("--body-timeout-ms");
                // the connection ends (a SocketTimeoutException after 20 s would fail the test)
                assertThat(readAll(sock)).isEmpty();
            } finally {
                stop.set(true);
                trickle.join(5000);
            }
            return sent.get();
        }
    }

    @Test
    void aMultipartBodyTrickledInIsAnswered408AndItsConnectionClosed() throws Exception {
        // Jetty's multipart parser reads the whole body in one call: only the body deadline stops it
        String start = head("multipart/form-data; boundary=" + BOUNDARY, 1_000_000)
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0089PNG";
        assertThat(tricklesInto408(start)).as("bytes trickled before the answer").isPositive();
        assertThat(stillServes()).isEqualTo(200);
    }

    @Test
    void aRawBodyTrickledInIsAnswered408() throws Exception {
        tricklesInto408(head("image/png", 1_000_000) + "\u0089PNG");
        assertThat(stillServes()).isEqualTo(200);
    }

    @Test
    void aJsonBodyTrickledInIsAnswered408() throws Exception {
        tricklesInto408(head("application/json", 1_000_000) + "{\"image\":\"");
        assertThat(stillServes()).isEqualTo(200);
    }

    @Test
    void aBodyThatStallsIsAnswered408BeforeTheIdleTimeout() throws Exception {
        // no byte after the first few: a blocked read, which the per-read checks never see return
        try (Socket sock = socket(server.port())) {
            send(sock, head("image/png", 1_000_000) + "\u0089PNG");
            String answer = readAnswer(sock);
            assertThat(answer).as(answer).startsWith("HTTP/1.1 408");
            assertThat(code(answer)).isEqualTo("request_timeout");
            assertThat(readAll(sock)).isEmpty();
        }
        assertThat(stillServes()).isEqualTo(200);
    }

    @Test
    void bodiesThatArriveInTimeAreNotTouchedAndTimeoutsAreCounted() throws Exception {
        Http h = Http.ownConnections(server.port());
        var multipart = h.multipart("/v1/ocr", AbuseTest.HELLO, "image/png", java.util.Map.of());
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(200);
        assertThat(LectorServerTest.squash(Http.json(multipart).path("text").asText())).contains("HelloLector");
        tricklesInto408(head("image/png", 1_000_000) + "\u0089PNG");
        String scrape = h.get("/metrics").body();
        double timeouts = PrometheusText.parse(scrape).values().stream().flatMap(f -> f.samples.stream())
                .filter(x -> x.name().equals("lector_body_timeouts_total")).mapToDouble(PrometheusText.Sample::value)
                .findFirst().orElseThrow(() -> new AssertionError("no lector_body_timeouts_total in the scrape"));
        assertThat(timeouts).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRefusedRequestsDeadlineEndsWithItAndSparesTheNextRequestOnItsConnection() throws Exception {
        // a JSON body refused in admission (400) and a raw body refused for its option (422): each
        // request's deadline must end with it, not fire later into the connection's next request
        try (Socket sock = socket(server.port())) {
            send(sock, head("application/json", 4) + "{bad");
            String first = readAnswer(sock);
            assertThat(first).as(first).startsWith("HTTP/1.1 400");
            send(sock, "POST /v1/ocr?cls=maybe HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\u0089PNG");
            String second = readAnswer(sock);
            assertThat(second).as(second).startsWith("HTTP/1.1 422");
            Thread.sleep(1500); // past both deadlines of 600 ms
            byte[] png = AbuseTest.HELLO;
            sock.getOutputStream().write(head("image/png", png.length).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            sock.getOutputStream().write(png);
            sock.getOutputStream().flush();
            String third = readAnswer(sock);
            assertThat(third).as(third).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void theBodyTimeoutComesFromItsVariableAndMustBePositive() {
        assertThat(ProtectionConfig.defaults().bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProtectionConfig.fromEnvironment(java.util.Map.of("LECTOR_BODY_TIMEOUT_MS", "1500")).bodyTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProtectionConfig.defaults().withBodyTimeout(Duration.ZERO))
                .hasMessageContaining("body timeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProtectionConfig.fromEnvironment(java.util.Map.of("LECTOR_BODY_TIMEOUT_MS", "soon")))
                .hasMessageContaining("LECTOR_BODY_TIMEOUT_MS");
    }

    static int stillServes() throws Exception {
        var r = Http.ownConnections(server.port()).post("/v1/ocr", AbuseTest.HELLO, "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.statusCode();
    }
}
