package dev.lector.cli;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.server.LectorServer;
import dev.lector.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lector serve}: the HTTP service. Flags override {@code LECTOR_*} environment variables,
 * which override the defaults. SIGTERM/Ctrl-C drains: readiness goes false, new requests get 503,
 * in-flight requests finish (up to the drain timeout), then the process exits 0; past the drain
 * timeout the requests still in flight are answered 503 and the process exits 3
 * ({@link #EXIT_DRAIN_TIMEOUT}). The engine is closed only after the HTTP side has stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the OCR service: REST API, web page at /, health, metrics.",
                "Environment: LECTOR_PORT, LECTOR_BIND, LECTOR_API_KEYS (comma-separated), LECTOR_MAX_BODY_MB,",
                "LECTOR_QUEUE_SIZE, LECTOR_CACHE_ENTRIES, LECTOR_CACHE_MB, LECTOR_REQUEST_TIMEOUT_MS,",
                "LECTOR_DRAIN_TIMEOUT_MS, LECTOR_MAX_DET_SIDE, LECTOR_WEB, LECTOR_LOG_FORMAT, LECTOR_VLM_URL, LECTOR_VLM_MODEL, LECTOR_VLM_API_KEY,",
                "LECTOR_HEADER_TIMEOUT_MS, LECTOR_IDLE_TIMEOUT_MS, LECTOR_BODY_TIMEOUT_MS, LECTOR_MAX_CONNECTIONS, LECTOR_API_KEYS_FILE, LECTOR_KEY_RATE_PER_MINUTE,",
                "LECTOR_FAILED_AUTH_PER_MINUTE, LECTOR_METRICS_KEY; flags win over them.",
                "Exit code 3: the drain timed out (requests still in flight were answered 503)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lector serve                                 http://127.0.0.1:8080/",
                "  LECTOR_API_KEYS=\"$KEY\" lector serve --bind 0.0.0.0 --threads 4"})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--port", paramLabel = "N", converter = OptionValues.Port.class, description = "TCP port (default 8080, env LECTOR_PORT; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1, env LECTOR_BIND).")
    String bind;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Accepted 'Authorization: Bearer KEY' for /v1 and /ocr; repeatable (env LECTOR_API_KEYS).")
    List<String> apiKeys;

    @Option(names = "--max-body-mb", paramLabel = "MB", converter = OptionValues.PositiveLong.class, description = "Largest request body (default 20, env LECTOR_MAX_BODY_MB).")
    Long maxBodyMb;

    @Option(names = "--max-inflight-mb", paramLabel = "MB",
            converter = OptionValues.PositiveLong.class, description = "Request bodies held at once; more get 429 (default 128, env LECTOR_MAX_INFLIGHT_MB).")
    Long maxInflightMb;

    @Option(names = "--queue-size", paramLabel = "N",
            converter = OptionValues.AtLeastOne.class, description = "Pages admitted at once; more get 429 (default 256, env LECTOR_QUEUE_SIZE).")
    Integer queueSize;

    @Option(names = "--cache-entries", paramLabel = "N", converter = OptionValues.AtLeastZero.class, description = "Cached results; 0 turns the cache off (default 1000, env LECTOR_CACHE_ENTRIES).")
    Integer cacheEntries;

    @Option(names = "--request-timeout-ms", paramLabel = "MS", converter = OptionValues.PositiveLong.class, description = "Request deadline (default 30000, env LECTOR_REQUEST_TIMEOUT_MS).")
    Long requestTimeoutMs;

    @Option(names = "--drain-timeout-ms", paramLabel = "MS", converter = OptionValues.NonNegativeLong.class, description = "Longest shutdown wait for in-flight requests (default 30000).")
    Long drainTimeoutMs;

    @Option(names = "--templates", paramLabel = "DIR",
            converter = OptionValues.ReadableFolder.class, description = "A folder of field templates (*.json) for POST /v1/extract?template_file=NAME.")
    java.nio.file.Path templates;

    @Option(names = "--max-det-side", paramLabel = "PX",
            converter = OptionValues.DetSide.class, description = "Largest det_limit_side a request may ask for; above it 422 (default 3072, env LECTOR_MAX_DET_SIDE).")
    Integer maxDetSide;

    @Option(names = "--no-web", description = "Do not serve the web page at /.")
    boolean noWeb;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Access log lines (logger lector.access, on stderr): text (key=value) or json (default text, env LECTOR_LOG_FORMAT).")
    String logFormat;

    // protection from slow and abusive clients (ProtectionConfig; docs/service.md)
    @Option(names = "--header-timeout-ms", paramLabel = "MS",
            description = "Longest a client may take to send a request's line and headers; then 408 and closed (default 10000, env LECTOR_HEADER_TIMEOUT_MS).")
    Long headerTimeoutMs;

    @Option(names = "--idle-timeout-ms", paramLabel = "MS",
            description = "A connection silent this long is closed (default 30000, env LECTOR_IDLE_TIMEOUT_MS).")
    Long idleTimeoutMs;

    @Option(names = "--body-timeout-ms", paramLabel = "MS",
            description = "Longest reading a request's whole body may take, however slowly it trickles in; then 408 and closed (default 30000, env LECTOR_BODY_TIMEOUT_MS).")
    Long bodyTimeoutMs;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open connections served; 8 more only for /health and /metrics, past those 503 and closed (default 1000, env LECTOR_MAX_CONNECTIONS).")
    Integer maxConnections;

    @Option(names = "--api-keys-file", paramLabel = "FILE",
            description = "Named API keys, one a line: NAME KEY [REQUESTS_PER_MINUTE]; the name, never the key, is logged (env LECTOR_API_KEYS_FILE).")
    java.nio.file.Path apiKeysFile;

    @Option(names = "--key-rate-per-minute", paramLabel = "N",
            description = "Requests per minute per API key, a token bucket; 0: unlimited (default 0, env LECTOR_KEY_RATE_PER_MINUTE).")
    Integer keyRatePerMinute;

    @Option(names = "--failed-auth-per-minute", paramLabel = "N",
            description = "Wrong or missing keys accepted per client address a minute; then 429 (default 30, env LECTOR_FAILED_AUTH_PER_MINUTE).")
    Integer failedAuthPerMinute;

    @Option(names = "--metrics-key", paramLabel = "KEY",
            description = "Bearer key /metrics needs (default none: open; env LECTOR_METRICS_KEY).")
    String metricsKey;

    @Option(names = "--max-pages", paramLabel = "N",
            description = "Most pages of a PDF or TIFF one request may select; more is 413 (default 1000).")
    Integer maxPages;

    @Option(names = "--page-render-timeout-ms", paramLabel = "MS",
            description = "Longest one PDF page may take to render; then 413 (default 10000; 0: no limit).")
    Long pageRenderTimeoutMs;

    @Mixin
    VlmOptions vlm;

    @Mixin
    JobOptions jobs;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        ServerConfig config = serverConfig(env);
        if (config.logFormat() == dev.lector.server.LogFormat.JSON) jsonLogLines();
        dev.lector.server.ProtectionConfig protection = protectionConfig(env);
        EngineConfig engineConfig = engineOptions.engineConfig();
        dev.lector.vlm.VlmConfig vlmConfig = vlm.configured(env) ? vlm.config(env) : null;
        Integer queue = queueSize != null ? queueSize : ServerConfig.queueSize(env);
        if (queue != null) engineConfig = engineConfig.withMaxPendingPages(queue);
        if (maxPages != null) engineConfig = engineConfig.withLimits(engineConfig.limits().withMaxPdfPages(maxPages));
        if (pageRenderTimeoutMs != null) engineConfig = engineConfig.withLimits(engineConfig.limits().withPdfRenderTimeoutMs(pageRenderTimeoutMs));
        Map<String, dev.lector.extract.Template> userTemplates = templates == null ? Map.of() : dev.lector.extract.Templates.readDirectory(templates);

        dev.lector.server.jobs.JobsConfig jobsConfig = jobs.config(env);
        OcrEngine engine = OcrEngine.open(engineConfig);
        LectorServer server;
        try {
            server = LectorServer.start(engine, config, engineOptions.ocrOptions(), vlmConfig, userTemplates, jobsConfig, protection);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        System.err.println("lector: serving on http://" + config.bind() + ":" + server.port() + "/ (" + config + ")");
        System.err.println("lector: " + protection);
        if (vlmConfig != null) System.err.println("lector: VLM back end " + vlmConfig);
        if (jobsConfig != null) System.err.println("lector: jobs " + jobsConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean draining = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        Runnable drain = () -> {
            if (!draining.compareAndSet(false, true)) return;
            System.err.println("lector: draining (up to " + config.drainTimeout().toMillis() + " ms)");
            try {
                // drain stops the HTTP side (requests past the timeout answered 503) before it returns
                boolean clean = server.drain(config.drainTimeout());
                if (!clean) {
                    timedOut.set(true);
                    System.err.println("lector: drain timeout of " + config.drainTimeout().toMillis()
                            + " ms passed with requests still in flight: they were answered 503; exit code " + EXIT_DRAIN_TIMEOUT);
                }
            } catch (RuntimeException e) {
                timedOut.set(true);
                System.err.println("lector: draining failed: " + e);
            } finally {
                try {
                    engine.close();
                } finally {
                    stopped.countDown();
                }
            }
        };
        installSignalHandlers(drain);
        stopped.await();
        return timedOut.get() ? EXIT_DRAIN_TIMEOUT : 0;
    }

    /** Exit code of a shutdown whose drain timed out (requests still in flight were answered 503). */
    public static final int EXIT_DRAIN_TIMEOUT = 3;

    /**
     * SIGTERM and SIGINT drain before the JVM starts shutting down. A shutdown hook would be too
     * late: ONNX Runtime's own hook closes its environment concurrently with ours and would free
     * the sessions under in-flight requests. The JVM exits (0) once {@link #call()} returns.
     */
    @SuppressWarnings("sunapi")
    private static void installSignalHandlers(Runnable drain) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> Thread.ofPlatform().name("lector-drain").start(drain));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                Runtime.getRuntime().addShutdownHook(new Thread(drain, "lector-drain"));
            }
        }
    }

    dev.lector.server.ProtectionConfig protectionConfig(Map<String, String> env) {
        var p = dev.lector.server.ProtectionConfig.fromEnvironment(env);
        if (headerTimeoutMs != null) p = p.withHeaderTimeout(Duration.ofMillis(headerTimeoutMs));
        if (idleTimeoutMs != null) p = p.withIdleTimeout(Duration.ofMillis(idleTimeoutMs));
        if (bodyTimeoutMs != null) p = p.withBodyTimeout(Duration.ofMillis(bodyTimeoutMs));
        if (maxConnections != null) p = p.withMaxConnections(maxConnections);
        if (apiKeysFile != null) p = p.withKeys(dev.lector.server.ProtectionConfig.readKeys(apiKeysFile));
        if (keyRatePerMinute != null) p = p.withKeyRatePerMinute(keyRatePerMinute);
        if (failedAuthPerMinute != null) p = p.withFailedAuthPerMinute(failedAuthPerMinute);
        if (metricsKey != null) p = p.withMetricsKey(metricsKey);
        return p;
    }

    /**
     * With JSON access lines, slf4j-simple's prefix is cut to {@code INFO lector.access - } (no thread
     * name), unless the user set {@code org.slf4j.simpleLogger.showThreadName} themselves; it must
     * happen before the first logger is made.
     */
    private static void jsonLogLines() {
        if (System.getProperty("org.slf4j.simpleLogger.showThreadName") == null) {
            System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        }
    }

    ServerConfig serverConfig(Map<String, String> env) {
        ServerConfig c = ServerConfig.fromEnvironment(env);
        if (port != null) c = c.withPort(port);
        if (bind != null) c = c.withBind(bind);
        if (apiKeys != null && !apiKeys.isEmpty()) c = c.withApiKeys(apiKeys);
        if (maxBodyMb != null) c = c.withMaxBodyBytes(maxBodyMb * ServerConfig.MB);
        if (maxInflightMb != null) c = c.withMaxBodyBytesInFlight(maxInflightMb * ServerConfig.MB);
        if (cacheEntries != null) c = c.withCache(cacheEntries, c.cacheBytes());
        if (requestTimeoutMs != null) c = c.withRequestTimeout(Duration.ofMillis(requestTimeoutMs));
        if (drainTimeoutMs != null) c = c.withDrainTimeout(Duration.ofMillis(drainTimeoutMs));
        if (maxDetSide != null) c = c.withMaxDetSide(maxDetSide);
        if (noWeb) c = c.withWebPage(false);
        if (logFormat != null) c = c.withLogFormat(dev.lector.server.LogFormat.parse("--log-format", logFormat));
        return c;
    }
}
