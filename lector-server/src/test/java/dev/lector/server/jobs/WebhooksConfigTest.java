package dev.lector.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which callback URLs are allowed, the signature, and the job settings' parsing. */
class WebhooksConfigTest {

    final WebhookTargets targets = new WebhookTargets(List.of("hooks.example.com", "127.0.0.1:9000", "*.corp.example"));

    @Test
    void onlyAllowedHostsAndPortsOverHttp() {
        assertThat(targets.check("https://hooks.example.com/x").getHost()).isEqualTo("hooks.example.com");
        assertThat(targets.check("http://127.0.0.1:9000/hook").getPort()).isEqualTo(9000);
        assertThat(targets.check("https://a.b.corp.example/h").getHost()).isEqualTo("a.b.corp.example");
        assertThatThrownBy(() -> targets.check("http://127.0.0.1:9001/hook")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> targets.check("https://corp.example/h")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> targets.check("https://evilcorp.example/h")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> targets.check("ftp://hooks.example.com/x")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> targets.check("https://u:p@hooks.example.com/x")).hasMessageContaining("user name");
        assertThatThrownBy(() -> new WebhookTargets(List.of()).check("https://hooks.example.com/x")).hasMessageContaining("--webhook-allow");
    }

    @Test
    void theSignatureCoversTimestampAndBody() {
        byte[] body = "{\"id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sig = WebhookSignature.sign("k", 1764583200L, body);
        assertThat(sig).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify("k", "1764583200", body, sig)).isTrue();
        assertThat(WebhookSignature.verify("k", "1764583201", body, sig)).isFalse();
        assertThat(WebhookSignature.verify("k", "soon", body, sig)).isFalse();
    }

    @Test
    void settingsAreCheckedAndReadFromTheEnvironment() {
        assertThat(JobsConfig.parseDuration("ttl", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(JobsConfig.parseDuration("ttl", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(JobsConfig.parseDuration("ttl", "PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> JobsConfig.parseDuration("--job-ttl", "soon")).hasMessageContaining("--job-ttl");
        assertThat(JobsConfig.gigabytes("gb", "0.5")).isEqualTo(JobsConfig.GB / 2);
        assertThatThrownBy(() -> JobsConfig.gigabytes("--jobs-max-gb", "-1")).hasMessageContaining("--jobs-max-gb");
        assertThatThrownBy(() -> JobsConfig.defaults(Path.of("d")).withWebhooks(List.of("h"), null)).hasMessageContaining("secret");

        assertThat(JobsConfig.fromEnvironment(Map.of())).isNull();
        JobsConfig c = JobsConfig.fromEnvironment(Map.of("LECTOR_JOBS_DIR", "/tmp/j", "LECTOR_JOB_TTL", "2h",
                "LECTOR_WEBHOOK_ALLOW", "A.example,b.example", "LECTOR_WEBHOOK_SECRET", "s", "LECTOR_JOB_WORKERS", "2"));
        assertThat(c.dir()).isEqualTo(Path.of("/tmp/j"));
        assertThat(c.ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.webhookAllow()).containsExactly("a.example", "b.example");
        assertThat(c.workers()).isEqualTo(2);
        assertThat(c.toString()).doesNotContain("=s,").contains("webhookSecret=set");
    }

    @Test
    void idsAre128RandomBitsUrlSafe() {
        String a = JobIds.next();
        assertThat(a).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(JobIds.next()).isNotEqualTo(a);
        assertThat(java.util.Base64.getUrlDecoder().decode(a)).hasSize(16);
        assertThat(JobIds.wellFormed("../../etc/passwd")).isFalse();
    }
}
