package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser itself: it accepts the documented format and refuses what breaks it. */
class PrometheusTextTest {

    @Test
    void readsFamiliesWithHelpTypeLabelsAndSuffixes() {
        String text = """
                # HELP http_requests_total Requests \\\\ answered\\nso far
                # TYPE http_requests_total counter
                http_requests_total{method="post",path="/a\\"b\\\\c"} 1027 1395066363000
                http_requests_total{method="get"} 3
                # TYPE latency histogram
                latency_bucket{le="0.5"} 1
                latency_bucket{le="+Inf"} 2
                latency_sum 0.9
                latency_count 2
                up NaN
                low -Inf
                """;
        Map<String, PrometheusText.Family> f = PrometheusText.parse(text);
        assertThat(f.keySet()).containsExactly("http_requests_total", "latency", "up", "low");
        assertThat(f.get("http_requests_total").help).isEqualTo("Requests \\ answered\nso far");
        assertThat(f.get("http_requests_total").samples.get(0).labels()).containsEntry("path", "/a\"b\\c");
        assertThat(f.get("latency").samples).hasSize(4);
        assertThat(f.get("latency").samples.get(1).labels()).containsEntry("le", "+Inf");
        assertThat(f.get("low").samples.get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(f.get("up").type).isNull();
        assertThat(f.get("up").samples.get(0).value()).isNaN();
    }

    @Test
    void refusesBrokenText() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\nb 2\na 3\n")).hasMessageContaining("line 3");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a counter\n# TYPE a gauge\n")).hasMessageContaining("second TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("a{b=\"c} 1\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("a{1b=\"c\"} 1\n")).hasMessageContaining("bad label name");
        assertThatThrownBy(() -> PrometheusText.parse("a one\n")).hasMessageContaining("bad value");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n# HELP a late\n")).hasMessageContaining("after its samples");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh_bucket 1\n")).hasMessageContaining("without le");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh 1\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("a 1")).hasMessageContaining("line feed");
    }
}
