package dev.lector.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the service protects itself from slow, abusive and unauthorised clients (issue 13):
 * connection and header limits, throttling of failed keys, per-key rate limits, named keys and
 * the key of {@code /metrics}. Validated at start and printable (keys are never printed).
 *
 * @param headerTimeout     longest a client may take to send a request's line and headers, from
 *                          its first byte; then the connection is answered 408 and closed
 * @param idleTimeout       longest a connection may stay silent (no byte either way) before it is closed
 * @param bodyTimeout       longest reading one request's whole body may take, from its admission
 *                          (headers read, key checked); past it the request is answered 408 and its
 *                          connection closed, however the body is sent (raw, JSON or multipart) and
 *                          however slowly its bytes trickle in
 * @param maxConnections    open connections served normally; the next {@link #HEALTH_RESERVE}
 *                          only for {@code /health/*} and {@code /metrics} (others get 503), any
 *                          past those are answered 503 and closed at once, so file handles stay bounded
 * @param failedAuthPerMinute wrong or missing keys accepted from one client address per minute;
 *                          past it that address gets 429 (with {@code Retry-After}) until it refills
 * @param keyRatePerMinute  requests per minute each API key may make (token bucket, bursts up to
 *                          the same number); 0: unlimited. A key in the keys file may set its own
 * @param keys              named API keys (from {@code --api-keys-file}); the name, never the key,
 *                          appears in logs, metrics and the request attribute {@link #KEY_NAME_ATTRIBUTE}
 * @param metricsKey        bearer key {@code /metrics} needs; null: {@code /metrics} is open
 */
public record ProtectionConfig(Duration headerTimeout, Duration idleTimeout, Duration bodyTimeout, int maxConnections, int failedAuthPerMinute,
                               int keyRatePerMinute, List<NamedKey> keys, String metricsKey) {

    /** Connections kept past {@link #maxConnections} for health probes and metrics scrapes. */
    public static final int HEALTH_RESERVE = 8;

    /** The request attribute holding the authenticated key's name (absent when the server needs no key). */
    public static final String KEY_NAME_ATTRIBUTE = "lector.keyName";

    /** Environment variables this record reads. */
    public static final Set<String> ENV_KEYS = Set.of("LECTOR_HEADER_TIMEOUT_MS", "LECTOR_IDLE_TIMEOUT_MS", "LECTOR_BODY_TIMEOUT_MS", "LECTOR_MAX_CONNECTIONS",
            "LECTOR_FAILED_AUTH_PER_MINUTE", "LECTOR_KEY_RATE_PER_MINUTE", "LECTOR_API_KEYS_FILE", "LECTOR_METRICS_KEY");

    /**
     * One API key with its name (what logs and metrics show) and its own rate limit.
     *
     * @param ratePerMinute requests per minute for this key; 0: the server's {@link #keyRatePerMinute}
     */
    public record NamedKey(String name, String key, int ratePerMinute) {
        public NamedKey {
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("an API key's name must be 1..64 letters, digits, '.', '_' or '-': '" + name + "'");
            }
            if (key == null || key.isBlank()) throw new IllegalArgumentException("API key '" + name + "' is empty");
            if (key.chars().anyMatch(Character::isWhitespace)) throw new IllegalArgumentException("API key '" + name + "' contains white space");
            if (ratePerMinute < 0) throw new IllegalArgumentException("API key '" + name + "' has a negative rate: " + ratePerMinute);
        }

        @Override
        public String toString() {
            return "NamedKey[" + name + (ratePerMinute > 0 ? ", " + ratePerMinute + "/min" : "") + "]";
        }
    }

    public ProtectionConfig {
        positive("header timeout", headerTimeout);
        positive("idle timeout", idleTimeout);
        positive("body timeout", bodyTimeout);
        if (maxConnections < 1) throw new IllegalArgumentException("max connections must be >= 1: " + maxConnections);
        if (failedAuthPerMinute < 1) throw new IllegalArgumentException("failed auth per minute must be >= 1: " + failedAuthPerMinute);
        if (keyRatePerMinute < 0) throw new IllegalArgumentException("key rate per minute must be >= 0: " + keyRatePerMinute);
        keys = keys == null ? List.of() : List.copyOf(keys);
        Set<String> names = new HashSet<>(), values = new HashSet<>();
        for (NamedKey k : keys) {
            if (!names.add(k.name())) throw new IllegalArgumentException("API key name '" + k.name() + "' is used twice");
            if (!values.add(k.key())) throw new IllegalArgumentException("API key '" + k.name() + "' repeats another key's value");
        }
        if (metricsKey != null && metricsKey.isBlank()) metricsKey = null;
    }

    public static ProtectionConfig defaults() {
        return new ProtectionConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 1000, 30, 0, List.of(), null);
    }

    /** Defaults overridden by {@code LECTOR_*} variables; a malformed value is an error naming it. */
    public static ProtectionConfig fromEnvironment(Map<String, String> env) {
        ProtectionConfig d = defaults();
        ProtectionConfig c = new ProtectionConfig(
                Duration.ofMillis(longVar(env, "LECTOR_HEADER_TIMEOUT_MS", d.headerTimeout().toMillis())),
                Duration.ofMillis(longVar(env, "LECTOR_IDLE_TIMEOUT_MS", d.idleTimeout().toMillis())),
                Duration.ofMillis(longVar(env, "LECTOR_BODY_TIMEOUT_MS", d.bodyTimeout().toMillis())),
                (int) longVar(env, "LECTOR_MAX_CONNECTIONS", d.maxConnections()),
                (int) longVar(env, "LECTOR_FAILED_AUTH_PER_MINUTE", d.failedAuthPerMinute()),
                (int) longVar(env, "LECTOR_KEY_RATE_PER_MINUTE", d.keyRatePerMinute()),
                d.keys(), env.get("LECTOR_METRICS_KEY"));
        String file = env.get("LECTOR_API_KEYS_FILE");
        return file == null || file.isBlank() ? c : c.withKeys(readKeys(Path.of(file)));
    }

    /**
     * Reads a keys file: one key a line, {@code NAME KEY [REQUESTS_PER_MINUTE]} separated by
     * white space; blank lines and lines starting with {@code #} are skipped. An error names the
     * line, never the key.
     */
    public static List<NamedKey> readKeys(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + file + ": " + e.getMessage(), e);
        }
        List<NamedKey> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            if (f.length < 2 || f.length > 3) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'NAME KEY [REQUESTS_PER_MINUTE]'");
            }
            int rate = 0;
            if (f.length == 3) {
                try {
                    rate = Integer.parseInt(f[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": the rate must be a whole number of requests per minute");
                }
            }
            try {
                out.add(new NamedKey(f[0], f[1], rate));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("the API keys file " + file + " has no key");
        return out;
    }

    /**
     * Every accepted key: the named ones, then {@code unnamed} (from {@code --api-key} and
     * {@code LECTOR_API_KEYS}) named {@code key-1}, {@code key-2}, ... in their order.
     */
    public List<NamedKey> allKeys(List<String> unnamed) {
        List<NamedKey> all = new ArrayList<>(keys);
        Set<String> names = new HashSet<>();
        keys.forEach(k -> names.add(k.name()));
        int n = 0;
        for (String k : unnamed) {
            String name;
            do name = "key-" + ++n; while (names.contains(name));
            all.add(new NamedKey(name, k, 0));
        }
        return all;
    }

    public ProtectionConfig withHeaderTimeout(Duration d) {
        return new ProtectionConfig(d, idleTimeout, bodyTimeout, maxConnections, failedAuthPerMinute, keyRatePerMinute, keys, metricsKey);
    }

    public ProtectionConfig withIdleTimeout(Duration d) {
        return new ProtectionConfig(headerTimeout, d, bodyTimeout, maxConnections, failedAuthPerMinute, keyRatePerMinute, keys, metricsKey);
    }

    public ProtectionConfig withBodyTimeout(Duration d) {
        return new ProtectionConfig(headerTimeout, idleTimeout, d, maxConnections, failedAuthPerMinute, keyRatePerMinute, keys, metricsKey);
    }

    public ProtectionConfig withMaxConnections(int n) {
        return new ProtectionConfig(headerTimeout, idleTimeout, bodyTimeout, n, failedAuthPerMinute, keyRatePerMinute, keys, metricsKey);
    }

    public ProtectionConfig withFailedAuthPerMinute(int n) {
        return new ProtectionConfig(headerTimeout, idleTimeout, bodyTimeout, maxConnections, n, keyRatePerMinute, keys, metricsKey);
    }

    public ProtectionConfig withKeyRatePerMinute(int n) {
        return new ProtectionConfig(headerTimeout, idleTimeout, bodyTimeout, maxConnections, failedAuthPerMinute, n, keys, metricsKey);
    }

    public ProtectionConfig withKeys(List<NamedKey> k) {
        return new ProtectionConfig(headerTimeout, idleTimeout, bodyTimeout, maxConnections, failedAuthPerMinute, keyRatePerMinute, k, metricsKey);
    }

    public ProtectionConfig withMetricsKey(String k) {
        return new ProtectionConfig(headerTimeout, idleTimeout, bodyTimeout, maxConnections, failedAuthPerMinute, keyRatePerMinute, keys, k);
    }

    @Override
    public String toString() {
        return "ProtectionConfig[headerTimeout=" + headerTimeout + ", idleTimeout=" + idleTimeout + ", bodyTimeout=" + bodyTimeout
                + ", maxConnections=" + maxConnections
                + " (+" + HEALTH_RESERVE + " for health), failedAuthPerMinute=" + failedAuthPerMinute
                + ", keyRatePerMinute=" + (keyRatePerMinute == 0 ? "unlimited" : keyRatePerMinute)
                + ", keys=" + keys.stream().map(NamedKey::name).toList() + ", metricsKey=" + (metricsKey == null ? "none" : "set") + "]";
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive: " + d);
    }

    private static long longVar(Map<String, String> env, String name, long dflt) {
        String v = env.get(name);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v.trim());
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " is out of range: " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }
}
