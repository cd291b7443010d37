package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.render.JsonRenderer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The access log's two line formats, from hand-made entries. */
class AccessLogTest {

    static final AccessLog.Entry OK = new AccessLog.Entry(Instant.parse("2026-12-01T10:54:06.339Z"), "job-42.page_7", "POST",
            "/v1/ocr", 200, 2579.24, 93563, 16892, "key-2");
    static final AccessLog.Entry REFUSED = new AccessLog.Entry(Instant.parse("2026-12-01T10:54:08.891Z"), null, null, null,
            400, 0.04, 0, 91, null);

    @Test
    void textIsKeyValuePairsWithDashesForWhatIsUnknown() {
        AccessLog log = new AccessLog(LogFormat.TEXT, line -> {});
        assertThat(log.format(OK)).isEqualTo("time=2026-12-01T10:54:06.339Z request_id=job-42.page_7 method=POST route=/v1/ocr"
                + " status=200 ms=2579.2 bytes_in=93563 bytes_out=16892 key=key-2");
        assertThat(log.format(REFUSED)).isEqualTo("time=2026-12-01T10:54:08.891Z request_id=- method=- route=- status=400 ms=0.0"
                + " bytes_in=0 bytes_out=91 key=-");
    }

    @Test
    void jsonIsOneObjectWithNullsForWhatIsUnknown() throws Exception {
        AccessLog log = new AccessLog(LogFormat.JSON, line -> {});
        JsonNode j = JsonRenderer.mapper().readTree(log.format(OK));
        assertThat(j.path("time").asText()).isEqualTo("2026-12-01T10:54:06.339Z");
        assertThat(j.path("request_id").asText()).isEqualTo("job-42.page_7");
        assertThat(j.path("method").asText()).isEqualTo("POST");
        assertThat(j.path("route").asText()).isEqualTo("/v1/ocr");
        assertThat(j.path("status").asInt()).isEqualTo(200);
        assertThat(j.path("ms").asDouble()).isEqualTo(2579.2);
        assertThat(j.path("bytes_in").asLong()).isEqualTo(93563);
        assertThat(j.path("bytes_out").asLong()).isEqualTo(16892);
        assertThat(j.path("key").asText()).isEqualTo("key-2");
        JsonNode r = JsonRenderer.mapper().readTree(log.format(REFUSED));
        assertThat(r.path("request_id").isNull()).isTrue();
        assertThat(r.path("key").isNull()).isTrue();
        assertThat(log.format(OK)).doesNotContain("\n");
    }

    @Test
    void keysAreNamedByPositionAndFormatsParse() {
        assertThat(AccessLog.keyName(0)).isEqualTo("key-1");
        assertThat(AccessLog.keyName(4)).isEqualTo("key-5");
        assertThat(LogFormat.parse("--log-format", " JSON ")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse("--log-format", "text")).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> LogFormat.parse("--log-format", "xml")).hasMessage("--log-format must be text or json, not 'xml'");
    }

    @Test
    void serverConfigCarriesTheFormat() {
        assertThat(ServerConfig.defaults().logFormat()).isEqualTo(LogFormat.TEXT);
        ServerConfig json = ServerConfig.defaults().withLogFormat(LogFormat.JSON);
        assertThat(json.withPort(0).withApiKeys(java.util.List.of("k")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(ServerConfig.fromEnvironment(java.util.Map.of("LECTOR_LOG_FORMAT", "json")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(java.util.Map.of("LECTOR_LOG_FORMAT", "yaml")))
                .hasMessageContaining("LECTOR_LOG_FORMAT must be text or json");
        assertThat(json.toString()).contains("logFormat=json");
    }
}
