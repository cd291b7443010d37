package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void versionPrintsTheBuildsVersionAndCommit() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = LectorCommand.run("--version");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        BuildInfo build = BuildInfo.current();
        assertThat(build.version()).isNotEqualTo(BuildInfo.UNKNOWN).doesNotContain("SNAPSHOT");
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("lector " + build.version() + " (commit " + build.commit() + ")");
    }
}
