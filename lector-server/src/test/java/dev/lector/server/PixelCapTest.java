package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.image.ImageLimits;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An image above the engine's pixel cap is refused with 413 before it is decoded. */
class PixelCapTest {

    @Test
    void imageAbovePixelCapIs413() {
        EngineConfig cfg = EngineConfig.defaults().withWorkers(1).withLimits(ImageLimits.DEFAULT.withMaxPixels(200_000));
        try (OcrEngine engine = OcrEngine.open(cfg);
             LectorServer server = LectorServer.start(engine, ServerConfig.defaults().withPort(0))) {
            Http http = new Http(server.port());
            HttpResponse<String> r = http.post("/v1/ocr", TestInputs.png(1000, 1000, "Too many pixels"), "image/png");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            JsonNode j = Http.json(r);
            assertThat(j.path("error").path("code").asText()).isEqualTo("image_too_large");
            assertThat(http.post("/v1/ocr", TestInputs.png(400, 120, "Small"), "image/png").statusCode()).isEqualTo(200);
        }
    }
}
