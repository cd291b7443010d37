package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.detect.Detection;
import dev.lector.detect.TextDetector;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.EngineFactory;
import dev.lector.pipeline.OcrEngine;
import dev.lector.recognize.TextRecognizer;
import dev.lector.testing.FakeStages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drain past its timeout and abandoned work (issue 13, items 1 and 5), against the in-process
 * server over fake stages whose detector waits until the test lets it go, so that a request is
 * reliably in flight: no timing in the assertions.
 */
class DrainAndCancelTest {

    static final FakeStages.FakePage PAGE = FakeStages.draw(600, 200, 0, new FakeStages.FakeLine("Hello", 40, 60, 300, 50));

    /** Fake stages with a detector that blocks until {@link #release}, counting detections and recognitions. */
    static final class Gate {
        final FakeStages fakes = FakeStages.of(PAGE);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger detections = new AtomicInteger();
        final AtomicInteger recognitions = new AtomicInteger();

        TextDetector detector() {
            TextDetector inner = fakes.detector();
            return request -> {
                detections.incrementAndGet();
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Detection d = inner.detect(request);
                return d;
            };
        }

        TextRecognizer recognizer() {
            TextRecognizer inner = fakes.recognizer();
            return crops -> {
                recognitions.addAndGet(crops.size());
                return inner.recognize(crops);
            };
        }

        OcrEngine engine() {
            return EngineFactory.fromStages(EngineConfig.defaults().withWorkers(1), detector(), null, recognizer(), null);
        }
    }

    static byte[] pagePng() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(dev.lector.image.ImageDecoder.toBufferedImage(PAGE.image()), "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static CompletableFuture<HttpResponse<String>> postAsync(int port, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pastTheDrainTimeoutRequestsInFlightGet503NotAReset() throws Exception {
        Gate gate = new Gate();
        try (OcrEngine engine = gate.engine()) {
            LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withCache(0, 0));
            try {
                CompletableFuture<HttpResponse<String>> pending = postAsync(s.port(), "/v1/ocr", pagePng());
                assertThat(gate.entered.await(30, TimeUnit.SECONDS)).as("the request reached the detector").isTrue();
                boolean clean = s.drain(Duration.ofMillis(200));
                assertThat(clean).as("the drain reports that it timed out").isFalse();
                HttpResponse<String> r = pending.get(30, TimeUnit.SECONDS); // an IOException here would be a reset
                LectorServerTest.assertError(r, 503, "not_ready");
                assertThat(Http.json(r).path("error").path("message").asText()).contains("drain timeout");
            } finally {
                gate.release.countDown();
                s.close();
            }
            // the abandoned page stopped at the next stage boundary: nothing was recognised for nobody
            awaitNoPagesInFlight(engine);
            assertThat(gate.recognitions.get()).isZero();
        }
    }

    @Test
    void workAbandonedAfterA504IsCancelledAtTheNextStageBoundary() throws Exception {
        Gate gate = new Gate();
        try (OcrEngine engine = gate.engine();
             LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withCache(0, 0))) {
            // two pages: after the 504 neither the first page's recognition nor the second page runs
            byte[] tiff = TestInputs.tiff(dev.lector.image.ImageDecoder.toBufferedImage(PAGE.image()),
                    dev.lector.image.ImageDecoder.toBufferedImage(PAGE.image()));
            HttpResponse<String> r = new Http(s.port()).post("/v1/ocr", tiff, "image/tiff", OcrRoutes.TIMEOUT_HEADER, "300");
            LectorServerTest.assertError(r, 504, "deadline_exceeded");
            gate.release.countDown();
            awaitNoPagesInFlight(engine);
            // the first page may or may not have reached the detector by the deadline; the second never does
            assertThat(gate.detections.get()).as("pages detected").isLessThanOrEqualTo(1);
            assertThat(gate.recognitions.get()).as("lines recognised").isZero();
        }
    }

    @Test
    void workOfAClientThatWentAwayIsCancelledAtTheNextStageBoundary() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/net/tcp")),
                "the kernel's TCP table (Linux) tells a client that went away");
        Gate gate = new Gate();
        try (OcrEngine engine = gate.engine();
             LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withCache(0, 0))) {
            byte[] png = pagePng();
            try (java.net.Socket sock = new java.net.Socket("127.0.0.1", s.port())) {
                var out = sock.getOutputStream();
                out.write(("POST /v1/ocr HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: " + png.length + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.write(png);
                out.flush();
                assertThat(gate.entered.await(30, TimeUnit.SECONDS)).as("the request reached the detector").isTrue();
            } // the client goes away while its page is being detected
            // the server notices and answers (499, to nobody): the request is no longer in flight
            for (int i = 0; i < 1000 && s.inFlight() > 0; i++) Thread.sleep(10);
            assertThat(s.inFlight()).as("requests in flight once the client has gone").isZero();
            gate.release.countDown();
            awaitNoPagesInFlight(engine);
            assertThat(gate.detections.get()).isEqualTo(1);
            assertThat(gate.recognitions.get()).as("lines recognised for a client that left").isZero();
            var samples = AbuseTest.samples(new Http(s.port()).get("/metrics").body());
            assertThat(samples).containsKey("lector_http_requests_total{method=\"POST\",route=\"/v1/ocr\",status=\"499\"}");
        }
    }

    /** Bounded wait until the engine holds no page. */
    static void awaitNoPagesInFlight(OcrEngine engine) throws InterruptedException {
        for (int i = 0; i < 3000 && engine.pagesInFlight() > 0; i++) Thread.sleep(10);
        assertThat(engine.pagesInFlight()).isZero();
        Thread.sleep(100); // a stage that (wrongly) ran on would have been submitted by now
    }
}
