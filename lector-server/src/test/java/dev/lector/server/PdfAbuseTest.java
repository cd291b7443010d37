package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.image.ImageLimits;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.testing.PdfBombs;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PDF input tried as an attacker would (issue 13, item 3): image bombs, too many pages; the service stays healthy. */
class PdfAbuseTest {

    static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1).withLimits(ImageLimits.DEFAULT.withMaxPdfPages(2)));
    }

    @AfterAll
    static void close() {
        if (engine != null) engine.close();
    }

    @Test
    void aPdfWithAHugeEmbeddedImageIs413AndTheNextRequestIsServed() {
        byte[] bomb = PdfBombs.hugeImage(20_000);
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http h = new Http(s.port());
            HttpResponse<String> r = h.post("/v1/ocr", bomb, "application/pdf");
            LectorServerTest.assertError(r, 413, "image_too_large");
            assertThat(Http.json(r).path("error").path("message").asText()).contains("20000x20000");
            HttpResponse<String> ok = h.post("/v1/ocr", AbuseTest.HELLO, "image/png");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(h.post("/v1/ocr", TestInputs.pdf("Normal page"), "application/pdf").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRequestSelectsAtMostThePageCap() {
        byte[] three = TestInputs.pdf("Page one", "Page two", "Page three");
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http h = new Http(s.port());
            HttpResponse<String> r = h.post("/v1/ocr?cls=false", three, "application/pdf");
            LectorServerTest.assertError(r, 413, "image_too_large");
            assertThat(Http.json(r).path("error").path("message").asText()).contains("limit of 2 pages");
            HttpResponse<String> some = h.post("/v1/ocr?cls=false&pages=2-3", three, "application/pdf");
            assertThat(some.statusCode()).as(some.body()).isEqualTo(200);
            assertThat(Http.json(some).path("pages")).hasSize(2);
        }
    }
}
