package dev.lector.server;

import dev.lector.pipeline.OcrEngine;
import dev.lector.result.StageTimings;
import dev.lector.vlm.VlmListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Prometheus metrics of one server: requests by route and status, latency per request and per
 * stage, queue depth, pages in flight, batch sizes per lane, cache hits and misses.
 */
public final class ServerMetrics {

    private static final String CACHE_HELP = "OCR results looked up in the result cache, by result (hit or miss)";
    private static final String TOKENS_HELP = "Tokens exchanged with the VLM back end: in (prompt) and out (completion)";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter cacheHits;
    private final Counter cacheMisses;
    /*
     * Micrometer holds a gauge's target weakly: a supplier made on the spot (a method reference)
     * would be collected and the gauge read NaN. These fields keep the targets alive with us.
     */
    private final Supplier<Number> requestsInFlight;
    private final Supplier<Number> cacheEntries;
    private volatile Supplier<Number> vlmInFlight;

    public ServerMetrics(OcrEngine engine, Supplier<Number> requestsInFlight, Supplier<Number> cacheEntries) {
        this.requestsInFlight = requestsInFlight;
        this.cacheEntries = cacheEntries;
        // the process as a whole: what a soak run watches for leaks
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // an info metric (Micrometer has none, and its Prometheus names drop a gauge's _info suffix)
        dev.lector.BuildInfo build = dev.lector.BuildInfo.current();
        io.prometheus.metrics.core.metrics.Info.builder().name("lector_build_info")
                .help("The running build: always 1, the labels name it")
                .labelNames("version", "commit", "java").register(registry.getPrometheusRegistry())
                .addLabelValues(build.version(), build.commit(), System.getProperty("java.version"));
        Gauge.builder("process_resident_memory_bytes", ServerMetrics::residentBytes)
                .description("Resident set size of the process (Linux /proc/self/statm; -1 elsewhere)").register(registry);
        Gauge.builder("lector_queue_depth", engine, OcrEngine::queuedItems)
                .description("Items waiting for an inference worker").register(registry);
        Gauge.builder("lector_pages_in_flight", engine, OcrEngine::pagesInFlight)
                .description("Pages admitted and not yet finished").register(registry);
        Gauge.builder("lector_requests_in_flight", this.requestsInFlight, s -> s.get().doubleValue())
                .description("OCR requests being answered").register(registry);
        Gauge.builder("lector_cache_entries", this.cacheEntries, s -> s.get().doubleValue())
                .description("Results in the cache").register(registry);
        cacheHits = Counter.builder("lector_cache_requests").description(CACHE_HELP).tag("result", "hit").register(registry);
        cacheMisses = Counter.builder("lector_cache_requests").description(CACHE_HELP).tag("result", "miss").register(registry);
        engine.setBatchListener((lane, size, nanos) -> {
            DistributionSummary.builder("lector_batch_size").tag("lane", lane)
                    .description("Items per model run").publishPercentileHistogram()
                    .register(registry).record(size);
            Timer.builder("lector_batch_duration").tag("lane", lane)
                    .description("Wall time of one model run (a batch), by lane").register(registry)
                    .record(Duration.ofNanos(nanos));
        });
    }

    /** One answered HTTP request. */
    public void request(String method, String route, int status, double millis) {
        Counter.builder("lector_http_requests").description("HTTP requests answered, by method, route template and status")
                .tag("method", method).tag("route", route)
                .tag("status", String.valueOf(status)).register(registry).increment();
        Timer.builder("lector_http_request_duration").description("Time to answer one HTTP request, by route template")
                .tag("route", route).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos((long) (millis * 1e6)));
    }

    /**
     * The listener for VLM calls: {@code lector_vlm_requests{task,status}},
     * {@code lector_vlm_request_duration{task}}, {@code lector_vlm_tokens{direction=in|out}} (where the
     * back end reports usage, else the pieces streamed).
     */
    public VlmListener vlmListener() {
        return (task, status, millis, tokensIn, tokensOut) -> {
            Counter.builder("lector_vlm_requests").description("VLM calls (one per page) by task and outcome")
                    .tag("task", task.key()).tag("status", status).register(registry).increment();
            Timer.builder("lector_vlm_request_duration").tag("task", task.key()).publishPercentileHistogram()
                    .description("Wall time of one VLM call, retries included").register(registry)
                    .record(Duration.ofNanos((long) (millis * 1e6)));
            if (tokensIn >= 0) Counter.builder("lector_vlm_tokens").description(TOKENS_HELP).tag("direction", "in").register(registry).increment(tokensIn);
            if (tokensOut >= 0) Counter.builder("lector_vlm_tokens").description(TOKENS_HELP).tag("direction", "out").register(registry).increment(tokensOut);
        };
    }

    /** The gauge of VLM calls in flight at the back end. */
    public void vlmInFlight(Supplier<Number> inFlight) {
        this.vlmInFlight = inFlight;
        Gauge.builder("lector_vlm_in_flight", inFlight, s -> s.get().doubleValue())
                .description("Requests at the VLM back end now").register(registry);
    }

    /**
     * One authentication decision: {@code lector_auth_requests_total{key,outcome}}, the key's
     * name (never the key; {@code -} when none matched) and {@code accepted}, {@code rate_limited},
     * {@code rejected} or {@code throttled}.
     */
    public void auth(String keyName, String outcome) {
        Counter.builder("lector_auth_requests").description("Authentication decisions by key name and outcome")
                .tag("key", keyName).tag("outcome", outcome).register(registry).increment();
    }

    /** Gauges of the connection guard: open connections, refused ones, header timeouts. */
    void connections(ConnectionGuard guard) {
        this.guard = guard;
        Gauge.builder("lector_connections_open", guard, ConnectionGuard::open).description("Open HTTP connections").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("lector_connections_refused", guard, ConnectionGuard::refused)
                .description("Connections answered 503 and closed past --max-connections and its reserve").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("lector_header_timeouts", guard, ConnectionGuard::headerTimeouts)
                .description("Connections closed because their request headers took longer than --header-timeout-ms").register(registry);
    }

    private volatile ConnectionGuard guard; // held strongly: Micrometer holds gauge targets weakly

    /** The counter of requests whose body took longer than --body-timeout-ms. */
    void bodyTimeouts(BodyDeadlines deadlines) {
        this.deadlines = deadlines;
        io.micrometer.core.instrument.FunctionCounter.builder("lector_body_timeouts", deadlines, BodyDeadlines::expired)
                .description("Requests answered 408 because their body took longer than --body-timeout-ms to arrive").register(registry);
    }

    private volatile BodyDeadlines deadlines; // held strongly, as the guard

    /** Stage timings of one page read. */
    public void page(StageTimings t) {
        stage("decode", t.decodeMs());
        stage("detect", t.detectMs());
        stage("classify", t.classifyMs());
        stage("recognize", t.recognizeMs());
        stage("total", t.totalMs());
    }

    public void cacheHit() {
        cacheHits.increment();
    }

    public void cacheMiss() {
        cacheMisses.increment();
    }

    /** The registry, for meters kept elsewhere (the job service's). */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Resident memory from /proc/self/statm (pages; assumes 4 KiB pages), or -1 where there is none. */
    static double residentBytes() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * 4096.0;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private void stage(String stage, double ms) {
        Timer.builder("lector_stage_duration").tag("stage", stage).publishPercentileHistogram()
                .description("Time per pipeline stage for one page").register(registry)
                .record(Duration.ofNanos((long) (ms * 1e6)));
    }
}
