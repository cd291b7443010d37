package dev.lector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void theBuildFillsInTheVersion() {
        // the filtered resource on the test class path carries the POM's version
        assertThat(BuildInfo.current().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(BuildInfo.current().commit()).matches("[0-9a-f]{7,40}|unknown");
    }

    @Test
    void unfilteredOrMissingValuesReadUnknown() {
        Properties p = new Properties();
        p.setProperty("version", "0.2.0");
        p.setProperty("commit", "${git.commit.id.abbrev}");
        assertThat(BuildInfo.from(p)).isEqualTo(new BuildInfo("0.2.0", "unknown"));
        assertThat(BuildInfo.from(new Properties()).text()).isEqualTo("unknown (commit unknown)");
    }

    @Test
    void textNamesVersionAndCommit() {
        assertThat(new BuildInfo("0.2.0", "1a2b3c4").text()).isEqualTo("0.2.0 (commit 1a2b3c4)");
    }
}
