package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A tiny queue: concurrent requests beyond it get 429 with Retry-After, the rest are answered. */
class OverloadTest {

    @Test
    void fullQueueGives429WithRetryAfter() throws Exception {
        EngineConfig cfg = EngineConfig.defaults().withWorkers(1).withMaxPendingPages(1);
        try (OcrEngine engine = OcrEngine.open(cfg);
             LectorServer server = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withCache(0, 0))) {
            Http http = new Http(server.port());
            byte[] img = TestInputs.png(1600, 1200, "Queue full test", "second line here", "third line too");
            CountDownLatch go = new CountDownLatch(1);
            List<HttpResponse<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<HttpResponse<String>>> fs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    fs.add(pool.submit(() -> {
                        go.await();
                        return http.post("/v1/ocr?det_limit_side=1600", img, "image/png");
                    }));
                }
                go.countDown();
                for (var f : fs) answers.add(f.get());
            }
            List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
            assertThat(statuses).as(statuses.toString()).containsOnly(200, 429).contains(429);
            for (HttpResponse<String> r : answers) {
                JsonNode j = Http.json(r);
                if (r.statusCode() == 429) {
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(j.path("error").path("code").asText()).isEqualTo("overloaded");
                } else {
                    assertThat(j.path("text").asText().replaceAll("\\s+", "")).contains("Queuefulltest");
                }
            }
        }
    }
}
