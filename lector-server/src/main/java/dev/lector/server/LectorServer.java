package dev.lector.server;

import dev.lector.extract.Template;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.vlm.VlmConfig;
import dev.lector.vlm.VlmReader;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP service around one engine: installs every route (the wiring {@code lector serve} and
 * the tests share), tracks readiness, and drains on shutdown. It does not close the engine.
 */
public final class LectorServer implements AutoCloseable {

    private final OcrEngine engine;
    private final ServerConfig config;
    private final ResultCache cache;
    private final ServerMetrics metrics;
    private final OcrRoutes routes;
    private final VlmReader vlmReader;
    private final VlmRoutes vlm;
    private final ExtractRoutes extract;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final String openApi;
    private final DocsPage docs = new DocsPage();
    private final ProtectionConfig protection;
    private final ConnectionGuard guard;
    private final BodyDeadlines bodyDeadlines;
    private final dev.lector.server.jobs.Jobs jobs;
    private final dev.lector.server.jobs.JobRoutes jobRoutes;
    private Javalin app;

    private LectorServer(OcrEngine engine, ServerConfig config, OcrOptions defaults, VlmConfig vlmConfig, Map<String, Template> templates,
                         dev.lector.server.jobs.JobsConfig jobsConfig, ProtectionConfig protection) {
        if (defaults.detLimitSidePx() > config.maxDetSide()) {
            throw new IllegalArgumentException("the default det limit side " + defaults.detLimitSidePx()
                    + " px is above the server's max det side of " + config.maxDetSide() + " px");
        }
        this.engine = engine;
        this.config = config;
        this.cache = new ResultCache(config.cacheEntries(), config.cacheBytes());
        AtomicInteger inFlight = new AtomicInteger();
        this.metrics = new ServerMetrics(engine, inFlight::get, cache::size);
        this.routes = new OcrRoutes(engine, config, defaults, cache, metrics, executor, inFlight);
        this.vlmReader = vlmConfig == null ? null
                : new VlmReader(vlmConfig, engine.config().limits(), metrics.vlmListener());
        if (vlmReader != null) {
            metrics.vlmInFlight(() -> vlmReader.client().inFlight());
            vlmReader.status(); // first readiness probe of the back end, in the background
        }
        this.vlm = new VlmRoutes(vlmReader, routes, inFlight);
        this.extract = new ExtractRoutes(routes, templates, inFlight);
        this.openApi = resource("openapi.json");
        this.protection = protection;
        this.guard = new ConnectionGuard(protection.maxConnections(), ProtectionConfig.HEALTH_RESERVE, protection.headerTimeout());
        metrics.connections(guard);
        this.bodyDeadlines = new BodyDeadlines(protection.bodyTimeout());
        metrics.bodyTimeouts(bodyDeadlines);
        this.auth = new Authentication(protection.allKeys(config.apiKeys()), protection, metrics::auth);
        // durable async jobs (/v1/jobs) when a jobs folder is configured; see docs/jobs.md
        this.jobs = jobsConfig == null ? null : dev.lector.server.jobs.Jobs.open(engine, jobsConfig,
                dev.lector.server.jobs.JobRoutes.plans(defaults, config.maxDetSide(), extract::extractor), metrics.registry());
        this.jobRoutes = jobs == null ? null : new dev.lector.server.jobs.JobRoutes(jobs, routes::readBody, OcrRoutes::param, extract::extractor, defaults,
                config.maxDetSide(), engine.config().limits().maxPdfPages(), engine.config().limits().pdfDpi(), auth.required());
    }

    private final Authentication auth;

    /** Starts the server on {@code config.port()} (0: a free port) with every route installed. */
    public static LectorServer start(OcrEngine engine, ServerConfig config) {
        return start(engine, config, OcrOptions.DEFAULT);
    }

    /** Like {@link #start(OcrEngine, ServerConfig)}, with {@code defaults} for options a request leaves out. */
    public static LectorServer start(OcrEngine engine, ServerConfig config, OcrOptions defaults) {
        return start(engine, config, defaults, null);
    }

    /**
     * Like {@link #start(OcrEngine, ServerConfig, OcrOptions)}, with a VLM back end ({@code vlm}
     * null: none) for {@code engine=vlm}, {@code /v1/parse} and {@code /v1/translate}; the server
     * owns its client and closes it on stop.
     */
    public static LectorServer start(OcrEngine engine, ServerConfig config, OcrOptions defaults, VlmConfig vlm) {
        return start(engine, config, defaults, vlm, Map.of());
    }

    /**
     * Like {@link #start(OcrEngine, ServerConfig, OcrOptions, VlmConfig)}, with user templates for
     * {@code POST /v1/extract?template_file=NAME} (by template name; see {@code Templates.readDirectory}).
     */
    public static LectorServer start(OcrEngine engine, ServerConfig config, OcrOptions defaults, VlmConfig vlm,
                                     Map<String, Template> templates) {
        return start(engine, config, defaults, vlm, templates, (dev.lector.server.jobs.JobsConfig) null);
    }

    /**
     * Like {@link #start(OcrEngine, ServerConfig, OcrOptions, VlmConfig, Map)}, with durable async
     * jobs ({@code /v1/jobs}) kept in {@code jobs.dir()} ({@code jobs} null: no jobs); the server owns
     * the job service and closes it on stop.
     */
    public static LectorServer start(OcrEngine engine, ServerConfig config, OcrOptions defaults, VlmConfig vlm,
                                     Map<String, Template> templates, dev.lector.server.jobs.JobsConfig jobs) {
        return start(engine, config, defaults, vlm, templates, jobs, ProtectionConfig.defaults());
    }

    /** Like {@link #start(OcrEngine, ServerConfig)}, with the given protection from slow and abusive clients. */
    public static LectorServer start(OcrEngine engine, ServerConfig config, ProtectionConfig protection) {
        return start(engine, config, OcrOptions.DEFAULT, null, Map.of(), null, protection);
    }

    /**
     * Like {@link #start(OcrEngine, ServerConfig, OcrOptions, VlmConfig, Map, dev.lector.server.jobs.JobsConfig)},
     * with the given protection from slow and abusive clients (connections, header and idle timeouts, keys).
     */
    public static LectorServer start(OcrEngine engine, ServerConfig config, OcrOptions defaults, VlmConfig vlm,
                                     Map<String, Template> templates, dev.lector.server.jobs.JobsConfig jobs, ProtectionConfig protection) {
        LectorServer s = new LectorServer(engine, config, defaults, vlm, templates, jobs, protection);
        try {
            s.app = Javalin.create(s::configure).start(config.bind(), config.port());
        } catch (RuntimeException e) {
            s.guard.close();
            s.bodyDeadlines.close();
            s.routes.clients.close();
            if (s.jobs != null) s.jobs.close();
            throw e;
        }
        // the engine loads and warms its models in OcrEngine.open, so once listening we are ready
        s.ready.set(true);
        return s;
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    public ProtectionConfig protection() {
        return protection;
    }

    /** Connections open now (refused ones included until they are closed). */
    int openConnections() {
        return guard.open();
    }

    public boolean isReady() {
        return ready.get() && !draining.get();
    }

    /** OCR requests being answered now. */
    public int inFlight() {
        return routes.inFlight();
    }

    /** Readiness false and new OCR requests refused with 503; in-flight requests go on. */
    public void beginDrain() {
        draining.set(true);
        ready.set(false);
    }

    /**
     * Graceful shutdown: {@link #beginDrain()}, wait up to {@code timeout} for in-flight requests,
     * then stop listening. Returns whether every in-flight request finished in time.
     */
    public boolean drain(Duration timeout) {
        beginDrain();
        boolean clean = awaitIdle(timeout);
        if (!clean) {
            // past the timeout: the requests still answering get 503 (not a reset), then Jetty stops
            int aborted = routes.abortAll();
            LOG.warn("drain timeout of {} ms passed with {} requests in flight; {} of them are answered 503",
                    timeout.toMillis(), routes.inFlight(), aborted);
            awaitIdle(DRAIN_ABORT_GRACE);
        }
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.error("stopping the HTTP server failed", e);
            clean = false;
        }
        return clean;
    }

    /** How long requests answered 503 at the drain timeout get to write their answers. */
    static final Duration DRAIN_ABORT_GRACE = Duration.ofSeconds(5);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LectorServer.class);

    /** Waits until no OCR request is in flight, at most {@code timeout}; whether none is. */
    private boolean awaitIdle(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (routes.inFlight() > 0) {
            if (System.nanoTime() > end) return false;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        drain(config.drainTimeout());
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            app.stop();
            guard.close();
            bodyDeadlines.close();
            routes.clients.close();
            if (jobs != null) jobs.close(config.drainTimeout());
            executor.shutdownNow();
            if (vlmReader != null) vlmReader.close();
        }
    }

    private void configure(JavalinConfig c) {
        c.concurrency.useVirtualThreads = true;
        c.startup.showJavalinBanner = false;
        c.http.maxRequestSize = config.maxBodyBytes();
        c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
        c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes() + 64 * 1024, SizeUnit.BYTES);
        c.jetty.modifyServer(server -> server.setStopTimeout(Math.max(1000, config.drainTimeout().toMillis())));
        // one connector of our own: idle timeout, and the guard's connection cap and header timeout
        c.jetty.addConnector((server, http) -> {
            var connector = new org.eclipse.jetty.server.ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
            connector.setHost(config.bind());
            connector.setPort(config.port());
            connector.setIdleTimeout(protection.idleTimeout().toMillis());
            connector.addEventListener(guard);
            return connector;
        });
        if (config.webPage()) {
            c.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
        }
        c.requestLogger.http((ctx, ms) -> {
            String route = routeOf(ctx);
            ctx.attribute(AccessLog.ROUTE_ATTRIBUTE, route); // for the access log line, written when Jetty completes the exchange
            metrics.request(ctx.method().name(), route, ctx.statusCode(), ms);
        });
        c.jetty.modifyServer(server -> server.setRequestLog(new AccessLog(config.logFormat())));

        c.routes.before(this::admit);
        route(c, HandlerType.POST, "/v1/ocr", ctx -> {
            if (VlmRoutes.wantsVlm(ctx)) vlm.ocr(ctx);
            else routes.ocr(ctx);
        });
        route(c, HandlerType.POST, "/ocr", routes::simpleOcr);
        route(c, HandlerType.POST, "/v1/preprocess", routes::preprocessed);
        route(c, HandlerType.POST, "/v1/extract", ctx -> {
            switch (VlmRoutes.engine(ctx, true)) {
                case VLM -> vlm.extract(ctx);
                case AUTO -> extract.extract(ctx, vlm);
                case PPOCR -> extract.extract(ctx, null);
            }
        });
        route(c, HandlerType.GET, "/v1/templates", extract::templates);
        route(c, HandlerType.POST, "/v1/parse", vlm::parse);
        route(c, HandlerType.POST, "/v1/translate", vlm::translate);
        route(c, HandlerType.GET, "/v1/models", ctx -> {
            var out = routes.modelsJson();
            if (vlm.configured()) out.set("vlm", vlm.describe(true));
            ctx.contentType("application/json").result(out.toString());
        });
        route(c, HandlerType.GET, "/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"live\"}"));
        route(c, HandlerType.GET, "/health/ready", this::readiness);
        route(c, HandlerType.GET, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        route(c, HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        route(c, HandlerType.GET, DocsPage.PATH, docs::page);
        for (String asset : DocsPage.ASSETS.keySet()) route(c, HandlerType.GET, DocsPage.PATH + "/" + asset, docs::asset);
        installJobs(c);

        c.routes.exception(HttpResponseException.class, (e, ctx) -> {
            // Javalin answers a known path asked with another method as "endpoint not found"
            java.util.Set<String> allowed = e.getStatus() == 404 ? methods.get(ctx.path()) : null;
            ApiException late = BodyDeadlines.timedOut(ctx);
            if (late != null) ErrorMapper.write(late, ctx);
            else if (allowed != null && !allowed.contains(ctx.method().name())) notAllowed(ctx, allowed);
            else ErrorMapper.write(e, ctx);
        });
        c.routes.exception(dev.lector.server.jobs.JobRefusedException.class, dev.lector.server.jobs.JobRoutes::refused);
        // a body past --body-timeout-ms: its reader was interrupted, and whatever that read threw, the answer is the 408
        c.routes.exception(Exception.class, (e, ctx) -> {
            ApiException late = BodyDeadlines.timedOut(ctx);
            ErrorMapper.write(late != null ? late : e, ctx);
        });
        c.routes.after(BodyDeadlines::requestDone);
        c.routes.error(404, ctx -> {
            if (isJson(ctx)) return;
            java.util.Set<String> allowed = methods.get(ctx.path());
            if (allowed != null) {
                notAllowed(ctx, allowed);
                return;
            }
            ErrorMapper.write(new ErrorMapper.ApiError(404, "not_found", "no route " + ctx.method() + " " + ctx.path()), ctx);
        });
        c.routes.error(405, ctx -> {
            if (!isJson(ctx)) notAllowed(ctx, methods.getOrDefault(ctx.path(), java.util.Set.of()));
        });
        // Jetty's own answers (unparseable request line or headers, 414, 431) in the same JSON shape
        c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    }

    /** Path to the methods installed on it: the {@code Allow} of a 405 and the route label of a refused request. */
    private final java.util.Map<String, java.util.Set<String>> methods = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every installed path and its methods (for the tests that hold the OpenAPI document and the 405s to them). */
    java.util.Map<String, java.util.Set<String>> routes() {
        java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        methods.forEach((path, ms) -> out.put(path, java.util.Set.copyOf(ms)));
        return out;
    }

    private void route(JavalinConfig c, HandlerType method, String path, io.javalin.http.Handler handler) {
        methods.computeIfAbsent(path, p -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(method.name());
        if (method == HandlerType.GET) c.routes.get(path, handler);
        else if (method == HandlerType.POST) c.routes.post(path, handler);
        else throw new IllegalStateException("no route helper for " + method);
    }

    /** {@code /v1/jobs} (docs/jobs.md); without a jobs folder each job route says how to turn jobs on. */
    private void installJobs(JavalinConfig c) {
        io.javalin.http.Handler off = ctx -> {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "this server runs no jobs: start it with --jobs-dir DIR");
        };
        var j = jobRoutes;
        route(c, HandlerType.POST, "/v1/jobs", j == null ? off : j::submit);
        // paths with an id are not literal paths, so not in the Allow table of route()
        c.routes.get("/v1/jobs/{id}", j == null ? off : j::status);
        c.routes.delete("/v1/jobs/{id}", j == null ? off : j::cancel);
        c.routes.get("/v1/jobs/{id}/result", j == null ? off : j::result);
    }

    private static void notAllowed(Context ctx, java.util.Set<String> allowed) {
        String allow = String.join(", ", allowed);
        ctx.header("Allow", allow);
        ErrorMapper.write(new ErrorMapper.ApiError(405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path() + (allow.isEmpty() ? "" : "; use " + allow)), ctx);
    }

    /**
     * Before every request: draining gives 503 for the API; /v1 and /ocr need a key when keys are
     * set (its name then on the request as {@link ProtectionConfig#KEY_NAME_ATTRIBUTE}), and
     * {@code /metrics} the metrics key when one is set; a reserve connection serves only health and metrics.
     */
    private void admit(Context ctx) throws IOException {
        RequestIds.of(ctx);
        String path = ctx.path();
        if (guard.isReserve(connectionOf(ctx)) && !(path.startsWith("/health/") || path.equals("/metrics"))) {
            ctx.header("Connection", "close");
            ctx.header("Retry-After", "1");
            throw new ApiException(ApiException.Kind.TOO_MANY_CONNECTIONS, "the server has its limit of "
                    + protection.maxConnections() + " connections open (--max-connections): retry later");
        }
        boolean api = path.startsWith("/v1/") || path.equals("/ocr");
        if (path.equals("/metrics") && auth.metricsProtected()) auth.authenticateMetrics(ctx);
        if (!api) return;
        if (!isReady()) {
            throw new ApiException(ApiException.Kind.NOT_READY,
                    draining.get() ? "the server is shutting down" : "the server is not ready yet");
        }
        if (auth.required()) auth.authenticate(ctx);
        // only a path that takes POST reads a body (a POST elsewhere is a 405, whatever its body)
        if (ctx.method() != HandlerType.POST || !methods.getOrDefault(path, java.util.Set.of()).contains("POST")) return;
        // admitted: reading the body, however it is sent, must end within --body-timeout-ms
        bodyDeadlines.arm(ctx);
        // a JSON body is read here so that its options answer like query parameters
        if (JsonInput.isJson(ctx.contentType())) routes.readJson(ctx);
    }

    /** The Jetty connection a request came on, or null where it cannot be told. */
    private static org.eclipse.jetty.io.Connection connectionOf(Context ctx) {
        try {
            var request = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req());
            return request == null ? null : request.getConnectionMetaData().getConnection();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Ready when PP-OCR is: the VLM back end is reported ({@code "vlm":{"reachable",...}}) but never fails readiness. */
    private void readiness(Context ctx) {
        if (isReady()) {
            var out = dev.lector.render.JsonRenderer.mapper().createObjectNode().put("status", "ready");
            if (vlm.configured()) out.set("vlm", vlm.describe(false));
            ctx.contentType("application/json").result(out.toString());
        } else {
            ErrorMapper.write(new ErrorMapper.ApiError(503, "not_ready",
                    draining.get() ? "the server is shutting down" : "the models are not loaded yet"), ctx);
        }
    }

    /**
     * The route label of a request: its matched endpoint, or for one refused before matching (by
     * {@link #admit}, a wrong method) the installed path it asked for; a file of the web page is
     * {@code static}, anything else {@code unmatched}, so that scanners cannot grow the label set.
     */
    String routeOf(Context ctx) {
        try {
            var matched = ctx.endpoints().matchedHttpEndpoint();
            if (matched != null && !"*".equals(matched.path)) return matched.path;
            var e = ctx.endpoint();
            if (e != null && !"*".equals(e.path)) return e.path;
        } catch (RuntimeException ex) {
            // no endpoint recorded: fall through to the path
        }
        if (methods.containsKey(ctx.path())) return ctx.path();
        return ctx.statusCode() < 400 ? "static" : "unmatched"; // the web page's files; anything else
    }

    private static boolean isJson(Context ctx) {
        String ct = ctx.res().getContentType();
        String r = ctx.result();
        return ct != null && ct.startsWith("application/json") && r != null && r.startsWith("{\"error\"");
    }

    private static String resource(String name) {
        try (InputStream in = LectorServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
