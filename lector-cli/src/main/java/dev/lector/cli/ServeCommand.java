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
 * in-flight requests finish (up to the drain timeout), then the process exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the OCR service: REST API, web page at /, health, metrics.",
                "Environment: LECTOR_PORT, LECTOR_BIND, LECTOR_API_KEYS (comma-separated), LECTOR_MAX_BODY_MB,",
                "LECTOR_QUEUE_SIZE, LECTOR_CACHE_ENTRIES, LECTOR_CACHE_MB, LECTOR_REQUEST_TIMEOUT_MS,",
                "LECTOR_DRAIN_TIMEOUT_MS, LECTOR_MAX_DET_SIDE, LECTOR_WEB, LECTOR_LOG_FORMAT, LECTOR_VLM_URL, LECTOR_VLM_MODEL, LECTOR_VLM_API_KEY; flags win over them."},
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

    @Mixin
    VlmOptions vlm;

    @Mixin
    JobOptions jobs;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        ServerConfig config = serverConfig(env);
        if (config.logFormat() == dev.lector.server.LogFormat.JSON) jsonLogLines();
        EngineConfig engineConfig = engineOptions.engineConfig();
        dev.lector.vlm.VlmConfig vlmConfig = vlm.configured(env) ? vlm.config(env) : null;
        Integer queue = queueSize != null ? queueSize : ServerConfig.queueSize(env);
        if (queue != null) engineConfig = engineConfig.withMaxPendingPages(queue);
        Map<String, dev.lector.extract.Template> userTemplates = templates == null ? Map.of() : dev.lector.extract.Templates.readDirectory(templates);

        dev.lector.server.jobs.JobsConfig jobsConfig = jobs.config(env);
        OcrEngine engine = OcrEngine.open(engineConfig);
        LectorServer server;
        try {
            server = LectorServer.start(engine, config, engineOptions.ocrOptions(), vlmConfig, userTemplates, jobsConfig);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        System.err.println("lector: serving on http://" + config.bind() + ":" + server.port() + "/ (" + config + ")");
        if (vlmConfig != null) System.err.println("lector: VLM back end " + vlmConfig);
        if (jobsConfig != null) System.err.println("lector: jobs " + jobsConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean draining = new AtomicBoolean();
        Runnable drain = () -> {
            if (!draining.compareAndSet(false, true)) return;
            System.err.println("lector: draining (up to " + config.drainTimeout().toMillis() + " ms)");
            try {
                boolean clean = server.drain(config.drainTimeout());
                if (!clean) System.err.println("lector: drain timeout passed with requests still in flight");
            } finally {
                engine.close();
                stopped.countDown();
            }
        };
        installSignalHandlers(drain);
        stopped.await();
        return 0;
    }

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
