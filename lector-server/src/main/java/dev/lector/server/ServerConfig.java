package dev.lector.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the HTTP service, validated at start and printable (API keys are never printed).
 *
 * @param port            TCP port; 0 picks a free one
 * @param bind            address to listen on
 * @param maxBodyBytes    largest request body accepted (413 above)
 * @param maxBodyBytesInFlight request bodies held at once; a request past it gets 429
 * @param requestTimeout  longest a request may take (504 after); {@code X-Request-Timeout-Ms} may lower it
 * @param drainTimeout    longest a shutdown waits for in-flight requests
 * @param cacheEntries    most cached results; 0 turns the cache off
 * @param cacheBytes      most bytes of cached result JSON
 * @param apiKeys         accepted bearer keys for /v1 and /ocr; empty means no authentication
 * @param webPage         serve the web page at /
 * @param maxDetSide      largest {@code det_limit_side} a request may ask for (422 above): the detector's
 *                        working memory grows with the square of its input side
 * @param logFormat       the access log's line format ({@code text} or {@code json})
 */
public record ServerConfig(int port, String bind, long maxBodyBytes, long maxBodyBytesInFlight, Duration requestTimeout, Duration drainTimeout,
                           int cacheEntries, long cacheBytes, List<String> apiKeys, boolean webPage, int maxDetSide, LogFormat logFormat) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final long MB = 1024L * 1024L;
    /** Default {@link #maxDetSide}; measured peak RSS per side on a 7000x7000 page is in docs/service.md. */
    public static final int DEFAULT_MAX_DET_SIDE = 3072;

    /** Environment variables this class reads; {@code LECTOR_QUEUE_SIZE} belongs to the engine, see {@link #queueSize}. */
    public static final Set<String> ENV_KEYS = Set.of("LECTOR_PORT", "LECTOR_BIND", "LECTOR_API_KEYS",
            "LECTOR_MAX_BODY_MB", "LECTOR_MAX_INFLIGHT_MB", "LECTOR_CACHE_ENTRIES", "LECTOR_CACHE_MB", "LECTOR_REQUEST_TIMEOUT_MS",
            "LECTOR_DRAIN_TIMEOUT_MS", "LECTOR_WEB", "LECTOR_QUEUE_SIZE", "LECTOR_MAX_DET_SIDE", "LECTOR_LOG_FORMAT");

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535: " + port);
        if (bind == null || bind.isBlank()) throw new IllegalArgumentException("bind address must not be empty");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("max body size must be >= 1 byte: " + maxBodyBytes);
        if (maxBodyBytesInFlight < 1) throw new IllegalArgumentException("body bytes in flight must be >= 1: " + maxBodyBytesInFlight);
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative: " + drainTimeout);
        }
        if (cacheEntries < 0) throw new IllegalArgumentException("cache entries must be >= 0: " + cacheEntries);
        if (cacheBytes < 0 || cacheBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cache bytes must be in 0.." + Integer.MAX_VALUE + ": " + cacheBytes);
        }
        if (maxDetSide < 32 || maxDetSide > 8192) throw new IllegalArgumentException("max det side must be in 32..8192 px: " + maxDetSide);
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (logFormat == null) logFormat = LogFormat.TEXT;
    }

    /** The settings before the access log had a format: {@link LogFormat#TEXT}. */
    public ServerConfig(int port, String bind, long maxBodyBytes, long maxBodyBytesInFlight, Duration requestTimeout, Duration drainTimeout,
                        int cacheEntries, long cacheBytes, List<String> apiKeys, boolean webPage, int maxDetSide) {
        this(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide,
                LogFormat.TEXT);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, DEFAULT_BIND, 20 * MB, 128 * MB, Duration.ofSeconds(30), Duration.ofSeconds(30),
                1000, 64 * MB, List.of(), true, DEFAULT_MAX_DET_SIDE);
    }

    /** Defaults overridden by {@code LECTOR_*} variables; a malformed value is an error naming it. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        ServerConfig d = defaults();
        return new ServerConfig(
                intVar(env, "LECTOR_PORT", d.port()),
                env.getOrDefault("LECTOR_BIND", d.bind()),
                longVar(env, "LECTOR_MAX_BODY_MB", d.maxBodyBytes() / MB) * MB,
                longVar(env, "LECTOR_MAX_INFLIGHT_MB", d.maxBodyBytesInFlight() / MB) * MB,
                Duration.ofMillis(longVar(env, "LECTOR_REQUEST_TIMEOUT_MS", d.requestTimeout().toMillis())),
                Duration.ofMillis(longVar(env, "LECTOR_DRAIN_TIMEOUT_MS", d.drainTimeout().toMillis())),
                intVar(env, "LECTOR_CACHE_ENTRIES", d.cacheEntries()),
                longVar(env, "LECTOR_CACHE_MB", d.cacheBytes() / MB) * MB,
                env.containsKey("LECTOR_API_KEYS") ? Arrays.asList(env.get("LECTOR_API_KEYS").split(",")) : d.apiKeys(),
                boolVar(env, "LECTOR_WEB", d.webPage()),
                intVar(env, "LECTOR_MAX_DET_SIDE", d.maxDetSide()),
                env.containsKey("LECTOR_LOG_FORMAT") ? LogFormat.parse("LECTOR_LOG_FORMAT", env.get("LECTOR_LOG_FORMAT")) : d.logFormat());
    }

    /** The engine's queue size (pages admitted at once) from {@code LECTOR_QUEUE_SIZE}, or null when unset. */
    public static Integer queueSize(Map<String, String> env) {
        if (!env.containsKey("LECTOR_QUEUE_SIZE")) return null;
        int n = intVar(env, "LECTOR_QUEUE_SIZE", 0);
        if (n < 1) throw new IllegalArgumentException("LECTOR_QUEUE_SIZE must be >= 1: " + n);
        return n;
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withBind(String b) {
        return new ServerConfig(port, b, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withMaxBodyBytes(long n) {
        return new ServerConfig(port, bind, n, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withMaxBodyBytesInFlight(long n) {
        return new ServerConfig(port, bind, maxBodyBytes, n, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withRequestTimeout(Duration d) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, d, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withDrainTimeout(Duration d) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, d, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withCache(int entries, long bytes) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, entries, bytes, apiKeys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withApiKeys(List<String> keys) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, keys, webPage, maxDetSide, logFormat);
    }

    public ServerConfig withWebPage(boolean on) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, on, maxDetSide, logFormat);
    }

    public ServerConfig withMaxDetSide(int px) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, px, logFormat);
    }

    public ServerConfig withLogFormat(LogFormat f) {
        return new ServerConfig(port, bind, maxBodyBytes, maxBodyBytesInFlight, requestTimeout, drainTimeout, cacheEntries, cacheBytes, apiKeys, webPage, maxDetSide, f);
    }

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", bind=" + bind + ", maxBodyBytes=" + maxBodyBytes + ", maxBodyBytesInFlight=" + maxBodyBytesInFlight
                + ", requestTimeout=" + requestTimeout + ", drainTimeout=" + drainTimeout
                + ", cacheEntries=" + cacheEntries + ", cacheBytes=" + cacheBytes
                + ", apiKeys=" + (apiKeys.isEmpty() ? "none" : apiKeys.size() + " configured")
                + ", webPage=" + webPage + ", maxDetSide=" + maxDetSide + ", logFormat=" + logFormat.key() + "]";
    }

    private static int intVar(Map<String, String> env, String name, int dflt) {
        long v = longVar(env, name, dflt);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " is out of range: " + v);
        return (int) v;
    }

    private static long longVar(Map<String, String> env, String name, long dflt) {
        String v = env.get(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }

    private static boolean boolVar(Map<String, String> env, String name, boolean dflt) {
        String v = env.get(name);
        if (v == null) return dflt;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + v + "'");
        };
    }
}
