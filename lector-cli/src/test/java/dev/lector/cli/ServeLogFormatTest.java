package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.server.LogFormat;
import dev.lector.server.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lector serve --log-format}: the flag over {@code LECTOR_LOG_FORMAT} over text; a bad value names both valid ones. */
class ServeLogFormatTest {

    static ServerConfig config(Map<String, String> env, String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.serverConfig(env);
    }

    @Test
    void flagWinsOverEnvironmentWhichWinsOverText() {
        assertThat(config(Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config(Map.of("LECTOR_LOG_FORMAT", "json")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config(Map.of("LECTOR_LOG_FORMAT", "json"), "--log-format", "text").logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config(Map.of(), "--log-format", "JSON", "--port", "0").logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void aBadFormatIsOneLineNamingTheValidOnes() {
        assertThatThrownBy(() -> config(Map.of(), "--log-format", "xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--log-format must be text or json, not 'xml'");
    }
}
