package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.batch.OverloadedException;
import dev.lector.image.InputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaults() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.apiKeys()).isEmpty();
    }

    @Test
    void environmentOverridesAndKeysAreNotPrinted() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of("LECTOR_PORT", "9000", "LECTOR_BIND", "0.0.0.0",
                "LECTOR_API_KEYS", "a, b,,", "LECTOR_MAX_BODY_MB", "5", "LECTOR_CACHE_ENTRIES", "7"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.apiKeys()).containsExactly("a", "b");
        assertThat(c.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.cacheEntries()).isEqualTo(7);
        assertThat(c.toString()).contains("9000", "2 configured").doesNotContain("a,");
        assertThat(ServerConfig.queueSize(Map.of("LECTOR_QUEUE_SIZE", "12"))).isEqualTo(12);
        assertThat(ServerConfig.queueSize(Map.of())).isNull();
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("LECTOR_PORT", "http")))
                .hasMessageContaining("LECTOR_PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("LECTOR_PORT", "70000")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> ServerConfig.queueSize(Map.of("LECTOR_QUEUE_SIZE", "0")))
                .hasMessageContaining("LECTOR_QUEUE_SIZE");
        assertThatThrownBy(() -> ServerConfig.defaults().withApiKeys(List.of()).withMaxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMapperIsTheOnePlaceForStatuses() {
        assertThat(ErrorMapper.map(new InputException(InputException.Reason.EMPTY, "x")).status()).isEqualTo(400);
        assertThat(ErrorMapper.map(new InputException(InputException.Reason.UNDECODABLE, "x")).status()).isEqualTo(400);
        assertThat(ErrorMapper.map(new InputException(InputException.Reason.TOO_LARGE, "x")).status()).isEqualTo(413);
        assertThat(ErrorMapper.map(new InputException(InputException.Reason.UNSUPPORTED_FORMAT, "x")).status()).isEqualTo(415);
        assertThat(ErrorMapper.map(new InputException(InputException.Reason.BAD_OPTION, "x")).status()).isEqualTo(422);
        assertThat(ErrorMapper.map(new IllegalArgumentException("x")).status()).as("an internal failure, not client input").isEqualTo(500);
        assertThat(ErrorMapper.map(new OverloadedException("x")).status()).isEqualTo(429);
        assertThat(ErrorMapper.map(new java.util.concurrent.ExecutionException(new OverloadedException("x"))).status()).isEqualTo(429);
        assertThat(ErrorMapper.map(new ApiException(ApiException.Kind.DEADLINE, "x")).status()).isEqualTo(504);
        assertThat(ErrorMapper.map(new ApiException(ApiException.Kind.NOT_READY, "x")).status()).isEqualTo(503);
        ErrorMapper.ApiError internal = ErrorMapper.map(new NullPointerException("secret detail"));
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.message()).doesNotContain("secret detail");
    }
}
