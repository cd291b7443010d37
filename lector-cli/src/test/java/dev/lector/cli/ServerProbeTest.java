package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerProbeTest {

    static final String PAGE = """
            # HELP process_files_open_files The open file descriptor count
            # TYPE process_files_open_files gauge
            process_files_open_files 42.0
            jvm_threads_live_threads{} 31.0
            process_resident_memory_bytes 7.340032E8
            lector_http_requests_total{method="POST",route="/v1/ocr",status="200"} 12.0
            """;

    @Test
    void readsUnlabelledGaugesFromPrometheusText() {
        assertThat(ServerProbe.gauge(PAGE, "process_files_open_files")).isEqualTo(42.0);
        assertThat(ServerProbe.gauge(PAGE, "jvm_threads_live_threads")).isEqualTo(31.0);
        assertThat(ServerProbe.gauge(PAGE, "process_resident_memory_bytes") / (1024 * 1024)).isEqualTo(700.0);
        assertThat(ServerProbe.gauge(PAGE, "process_files")).isNaN(); // a prefix is not a name
        assertThat(ServerProbe.gauge("", "process_files_open_files")).isNaN();
    }
}
