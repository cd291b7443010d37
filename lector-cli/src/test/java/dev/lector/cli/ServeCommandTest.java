package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.server.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "9001", "--api-key", "a", "--api-key", "b", "--max-body-mb", "3",
                "--queue-size", "4", "--max-inflight-mb", "7", "--cache-entries", "0", "--no-web");
        ServerConfig c = cmd.serverConfig(Map.of("LECTOR_PORT", "7000", "LECTOR_BIND", "0.0.0.0", "LECTOR_API_KEYS", "z"));
        assertThat(c.port()).isEqualTo(9001);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.apiKeys()).containsExactly("a", "b");
        assertThat(c.maxBodyBytes()).isEqualTo(3L * 1024 * 1024);
        assertThat(c.maxBodyBytesInFlight()).isEqualTo(7L * 1024 * 1024);
        assertThat(c.cacheEntries()).isZero();
        assertThat(c.webPage()).isFalse();
    }

    @Test
    void serveIsASubcommand() {
        assertThat(new CommandLine(new LectorCommand()).getSubcommands()).containsKey("serve");
    }
}
