package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and abusive clients (issue 13, item 2): slow uploaders, headers at a byte at a time,
 * more connections than the cap. Raw sockets against the in-process server, small counts.
 */
class SlowClientTest {

    static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1));
    }

    @AfterAll
    static void close() {
        if (engine != null) engine.close();
    }

    /** Waits (bounded) until {@code value} reaches {@code atLeast}; the server accepts and dispatches on its own threads. */
    static void awaitAtLeast(IntSupplier value, int atLeast, String what) throws InterruptedException {
        for (int i = 0; i < 1000 && value.getAsInt() < atLeast; i++) Thread.sleep(10);
        assertThat(value.getAsInt()).as(what).isGreaterThanOrEqualTo(atLeast);
    }

    /** Waits (bounded) until {@code value} falls to {@code atMost}: the server closes connections on its own threads. */
    static void awaitAtMost(IntSupplier value, int atMost, String what) throws InterruptedException {
        for (int i = 0; i < 1000 && value.getAsInt() > atMost; i++) Thread.sleep(10);
        assertThat(value.getAsInt()).as(what).isLessThanOrEqualTo(atMost);
    }

    static Socket socket(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Everything the server sends until it closes (or 20 s pass: a SocketTimeoutException fails the test). */
    static String readAll(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The first answer on a connection: status line, headers and a Content-Length body. */
    static String readAnswer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return head.toString();
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    static String code(String answer) throws IOException {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        return dev.lector.render.JsonRenderer.mapper().readTree(body).path("error").path("code").asText();
    }

    @Test
    void slowUploadersHoldingConnectionsDoNotPushNormalRequestsInto429AndMeetTheirDeadline() throws Exception {
        // 7 x 20 MB declared is above the 128 MB of bodies in flight: reserved as declared, every OCR request got 429
        ServerConfig cfg = ServerConfig.defaults().withPort(0).withRequestTimeout(Duration.ofSeconds(3)).withCache(0, 0);
        try (LectorServer s = LectorServer.start(engine, cfg)) {
            List<Socket> slow = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = null;
            try {
                for (int i = 0; i < 7; i++) {
                    Socket sock = socket(s.port());
                    send(sock, "POST /v1/ocr HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: " + 20 * ServerConfig.MB
                            + "\r\n\r\n\u0089PNG");
                    slow.add(sock);
                }
                trickle = Thread.ofPlatform().daemon().start(() -> {
                    while (!stop.get()) {
                        for (Socket sock : slow) {
                            try {
                                send(sock, "x");
                            } catch (IOException e) {
                                // answered and closed: that one is done
                            }
                        }
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                awaitAtLeast(s::inFlight, 7, "slow uploads being read");
                var normal = Http.ownConnections(s.port()).post("/v1/ocr", AbuseTest.HELLO, "image/png");
                assertThat(normal.statusCode()).as(normal.body()).isEqualTo(200);
                assertThat(LectorServerTest.squash(Http.json(normal).path("text").asText())).contains("HelloLector");
                for (Socket sock : slow) {
                    String answer = readAnswer(sock);
                    assertThat(answer).as(answer).startsWith("HTTP/1.1 408");
                    assertThat(code(answer)).isEqualTo("request_timeout");
                }
            } finally {
                stop.set(true);
                if (trickle != null) trickle.join(5000);
                for (Socket sock : slow) sock.close();
            }
        }
    }

    @Test
    void headersSentAByteAtATimeAreCutOffByTheHeaderTimeout() throws Exception {
        ProtectionConfig p = ProtectionConfig.defaults().withHeaderTimeout(Duration.ofMillis(800));
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0), p);
             Socket sock = socket(s.port())) {
            String request = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slowloris\r\nAccept: */*\r\n\r\n";
            AtomicBoolean allSent = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (char ch : request.toCharArray()) {
                        send(sock, String.valueOf(ch));
                        Thread.sleep(100);
                    }
                    allSent.set(true);
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection: what the test wants
                }
            });
            String answer = readAll(sock);
            boolean completeBeforeAnswer = allSent.get();
            writer.join(20_000);
            assertThat(completeBeforeAnswer).as("the whole header was sent before the server answered: " + answer).isFalse();
            assertThat(answer).as(answer).startsWith("HTTP/1.1 408");
            assertThat(code(answer)).isEqualTo("request_timeout");
            // a normal client is still served
            assertThat(new Http(s.port()).get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void connectionsAboveTheCapAreRefusedWhileHealthStillAnswers() throws Exception {
        ProtectionConfig p = ProtectionConfig.defaults().withMaxConnections(3);
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0), p)) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) idle.add(socket(s.port()));
                awaitAtLeast(s::openConnections, 3, "connections the server has accepted");

                // in the reserve: health and metrics are answered, the API is not
                try (Socket probe = socket(s.port())) {
                    send(probe, "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    assertThat(readAll(probe)).startsWith("HTTP/1.1 200");
                }
                try (Socket api = socket(s.port())) {
                    send(api, "POST /v1/ocr HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\nabcd");
                    String answer = readAll(api);
                    assertThat(answer).as(answer).startsWith("HTTP/1.1 503");
                    assertThat(code(answer)).isEqualTo("too_many_connections");
                }

                // past the reserve too: answered 503 and closed at once, whatever the path
                awaitAtMost(s::openConnections, 3, "connections once the probe and the refused one are closed");
                for (int i = 0; i < ProtectionConfig.HEALTH_RESERVE; i++) idle.add(socket(s.port()));
                awaitAtLeast(s::openConnections, 3 + ProtectionConfig.HEALTH_RESERVE, "connections the server has accepted");
                try (Socket extra = socket(s.port())) {
                    String answer = readAll(extra);
                    assertThat(answer).as(answer).startsWith("HTTP/1.1 503");
                    assertThat(code(answer)).isEqualTo("too_many_connections");
                }
            } finally {
                for (Socket sock : idle) sock.close();
            }
            awaitAtMost(s::openConnections, 0, "connections once the test's are closed");
            Http h = Http.ownConnections(s.port());
            assertThat(h.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(h.post("/v1/ocr", AbuseTest.HELLO, "image/png").statusCode()).isEqualTo(200);
        }
    }
}
