package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys tried as an attacker would (issue 13, item 6): guessing, hammering, scraping metrics. */
class AuthAbuseTest {

    static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1));
    }

    @AfterAll
    static void close() {
        if (engine != null) engine.close();
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    @Test
    void failedKeysAreThrottledPerAddress() {
        ProtectionConfig p = ProtectionConfig.defaults().withFailedAuthPerMinute(3);
        ServerConfig cfg = ServerConfig.defaults().withPort(0).withApiKeys(List.of("right-key"));
        try (LectorServer s = LectorServer.start(engine, cfg, p)) {
            Http h = new Http(s.port());
            assertThat(h.get("/v1/models", "Authorization", bearer("right-key")).statusCode()).isEqualTo(200);
            for (int i = 0; i < 3; i++) LectorServerTest.assertError(h.get("/v1/models", "Authorization", bearer("guess-" + i)), 401, "unauthorized");
            HttpResponse<String> r = h.get("/v1/models", "Authorization", bearer("guess-3"));
            LectorServerTest.assertError(r, 429, "rate_limited");
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            // while throttled, the address gets no answer about any key: guessing learns nothing
            LectorServerTest.assertError(h.get("/v1/models", "Authorization", bearer("right-key")), 429, "rate_limited");
            LectorServerTest.assertError(h.get("/v1/models"), 429, "rate_limited");
            // health is not behind keys
            assertThat(h.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void eachKeyHasItsRateAndOnlyItsNameIsShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# name key [requests per minute]\nalice s3cret-alice-key 2\n\nbob s3cret-bob-key\n");
        ProtectionConfig p = ProtectionConfig.defaults().withKeys(ProtectionConfig.readKeys(file));
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0), p)) {
            Http h = new Http(s.port());
            assertThat(h.get("/v1/models", "Authorization", bearer("s3cret-alice-key")).statusCode()).isEqualTo(200);
            assertThat(h.post("/v1/ocr", AbuseTest.HELLO, "image/png", "Authorization", bearer("s3cret-alice-key")).statusCode()).isEqualTo(200);
            HttpResponse<String> over = h.get("/v1/models", "Authorization", bearer("s3cret-alice-key"));
            LectorServerTest.assertError(over, 429, "rate_limited");
            assertThat(Http.json(over).path("error").path("message").asText()).contains("alice").doesNotContain("s3cret");
            assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            for (int i = 0; i < 4; i++) assertThat(h.get("/v1/models", "Authorization", bearer("s3cret-bob-key")).statusCode()).isEqualTo(200);
            String scrape = h.get("/metrics").body();
            assertThat(AbuseTest.samples(scrape)).containsKey("lector_auth_requests_total{key=\"alice\",outcome=\"rate_limited\"}")
                    .containsKey("lector_auth_requests_total{key=\"bob\",outcome=\"accepted\"}");
            assertThat(scrape).doesNotContain("s3cret");
        }
    }

    @Test
    void metricsCanHaveTheirOwnKey() {
        ProtectionConfig p = ProtectionConfig.defaults().withMetricsKey("scrape-key");
        try (LectorServer s = LectorServer.start(engine, ServerConfig.defaults().withPort(0).withApiKeys(List.of("api-key")), p)) {
            Http h = new Http(s.port());
            LectorServerTest.assertError(h.get("/metrics"), 401, "unauthorized");
            LectorServerTest.assertError(h.get("/metrics", "Authorization", bearer("api-key")), 401, "unauthorized");
            HttpResponse<String> ok = h.get("/metrics", "Authorization", bearer("scrape-key"));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("lector_build_info");
            assertThat(h.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBadKeysFileNamesItsLineNeverItsKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "alice top-secret-value 10\nbob top-secret-value\n");
        assertThatThrownBy(() -> ProtectionConfig.defaults().withKeys(ProtectionConfig.readKeys(file)))
                .hasMessageContaining("bob").hasMessageNotContaining("top-secret-value");
        Files.writeString(file, "alice top-secret-value lots\n");
        assertThatThrownBy(() -> ProtectionConfig.readKeys(file)).hasMessageContaining("line 1").hasMessageNotContaining("top-secret-value");
        Files.writeString(file, "a/b top-secret-value\n");
        assertThatThrownBy(() -> ProtectionConfig.readKeys(file)).hasMessageContaining("line 1").hasMessageNotContaining("top-secret-value");
        assertThat(ProtectionConfig.defaults().withMetricsKey("m").withKeys(List.of(new ProtectionConfig.NamedKey("alice", "zzz-secret", 0)))
                .toString()).contains("alice").doesNotContain("zzz-secret");
    }
}
