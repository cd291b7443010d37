package dev.lector.server.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the job service, validated at start and printable (the webhook secret is never printed).
 *
 * @param dir              the jobs folder: database, inputs (created if missing)
 * @param ttl              how long a finished job's result is kept
 * @param maxBytes         most bytes of inputs and results held; a submission past it gets 507
 * @param maxActive        most jobs queued or running; a submission past it gets 429
 * @param workers          jobs read at once, one page each
 * @param webhookAllow     hosts a {@code callback_url} may name ({@code host}, {@code host:port} or {@code *.domain});
 *                         empty: no webhooks
 * @param webhookSecret    HMAC-SHA256 key for webhook signatures (needed when webhooks are allowed)
 * @param webhookAttempts  tries per webhook before giving up
 * @param webhookBackoff   wait before the second try; doubled each time, at most 5 minutes
 * @param clock            time of every timestamp and expiry (a fixed clock in tests)
 */
public record JobsConfig(Path dir, Duration ttl, long maxBytes, int maxActive, int workers, List<String> webhookAllow,
                         String webhookSecret, int webhookAttempts, Duration webhookBackoff, Clock clock) {

    public static final long GB = 1024L * 1024L * 1024L;

    /** Environment variables read by {@link #fromEnvironment}. */
    public static final Set<String> ENV_KEYS = Set.of("LECTOR_JOBS_DIR", "LECTOR_JOB_TTL", "LECTOR_JOBS_MAX_GB",
            "LECTOR_JOBS_MAX_ACTIVE", "LECTOR_JOB_WORKERS", "LECTOR_WEBHOOK_ALLOW", "LECTOR_WEBHOOK_SECRET");

    public JobsConfig {
        if (dir == null) throw new IllegalArgumentException("the jobs folder must be given");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("job TTL must be positive: " + ttl);
        if (maxBytes < 1) throw new IllegalArgumentException("jobs disk limit must be >= 1 byte: " + maxBytes);
        if (maxActive < 1) throw new IllegalArgumentException("jobs queue size must be >= 1: " + maxActive);
        if (workers < 1 || workers > 64) throw new IllegalArgumentException("job workers must be in 1..64: " + workers);
        webhookAllow = webhookAllow == null ? List.of()
                : webhookAllow.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
        if (!webhookAllow.isEmpty() && webhookSecret == null) {
            throw new IllegalArgumentException("webhooks are allowed (--webhook-allow) but have no secret: "
                    + "set --webhook-secret or LECTOR_WEBHOOK_SECRET");
        }
        if (webhookAttempts < 1) throw new IllegalArgumentException("webhook attempts must be >= 1: " + webhookAttempts);
        if (webhookBackoff == null || webhookBackoff.isNegative()) throw new IllegalArgumentException("webhook backoff must not be negative");
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Defaults for {@code dir}: results kept a day, 10 GB, 1000 active jobs, one worker, no webhooks. */
    public static JobsConfig defaults(Path dir) {
        return new JobsConfig(dir, Duration.ofHours(24), 10 * GB, 1000, 1, List.of(), null, 6, Duration.ofSeconds(1), null);
    }

    /** {@link #defaults} overridden by {@code LECTOR_*} variables; null when {@code LECTOR_JOBS_DIR} is unset (jobs off). */
    public static JobsConfig fromEnvironment(Map<String, String> env) {
        String dir = env.get("LECTOR_JOBS_DIR");
        if (dir == null || dir.isBlank()) return null;
        JobsConfig d = defaults(Path.of(dir));
        return new JobsConfig(d.dir(),
                env.containsKey("LECTOR_JOB_TTL") ? parseDuration("LECTOR_JOB_TTL", env.get("LECTOR_JOB_TTL")) : d.ttl(),
                env.containsKey("LECTOR_JOBS_MAX_GB") ? gigabytes("LECTOR_JOBS_MAX_GB", env.get("LECTOR_JOBS_MAX_GB")) : d.maxBytes(),
                intVar(env, "LECTOR_JOBS_MAX_ACTIVE", d.maxActive()), intVar(env, "LECTOR_JOB_WORKERS", d.workers()),
                env.containsKey("LECTOR_WEBHOOK_ALLOW") ? Arrays.asList(env.get("LECTOR_WEBHOOK_ALLOW").split(",")) : d.webhookAllow(),
                env.get("LECTOR_WEBHOOK_SECRET"), d.webhookAttempts(), d.webhookBackoff(), null);
    }

    public JobsConfig withTtl(Duration t) {
        return new JobsConfig(dir, t, maxBytes, maxActive, workers, webhookAllow, webhookSecret, webhookAttempts, webhookBackoff, clock);
    }

    public JobsConfig withMaxBytes(long n) {
        return new JobsConfig(dir, ttl, n, maxActive, workers, webhookAllow, webhookSecret, webhookAttempts, webhookBackoff, clock);
    }

    public JobsConfig withMaxActive(int n) {
        return new JobsConfig(dir, ttl, maxBytes, n, workers, webhookAllow, webhookSecret, webhookAttempts, webhookBackoff, clock);
    }

    public JobsConfig withWorkers(int n) {
        return new JobsConfig(dir, ttl, maxBytes, maxActive, n, webhookAllow, webhookSecret, webhookAttempts, webhookBackoff, clock);
    }

    public JobsConfig withWebhooks(List<String> allow, String secret) {
        return new JobsConfig(dir, ttl, maxBytes, maxActive, workers, allow, secret, webhookAttempts, webhookBackoff, clock);
    }

    public JobsConfig withWebhookRetry(int attempts, Duration backoff) {
        return new JobsConfig(dir, ttl, maxBytes, maxActive, workers, webhookAllow, webhookSecret, attempts, backoff, clock);
    }

    public JobsConfig withClock(Clock c) {
        return new JobsConfig(dir, ttl, maxBytes, maxActive, workers, webhookAllow, webhookSecret, webhookAttempts, webhookBackoff, c);
    }

    /**
     * A duration as {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT1H}); a bad
     * one is an error naming {@code what}.
     */
    public static Duration parseDuration(String what, String v) {
        String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) return Duration.parse(s.toUpperCase(Locale.ROOT));
            if (s.length() > 1) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                switch (s.charAt(s.length() - 1)) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    case 'd': return Duration.ofDays(n);
                    default: break;
                }
            }
        } catch (RuntimeException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(what + " must be a duration like 90s, 30m, 24h or 7d, not '" + v + "'");
    }

    /** Gigabytes (decimals allowed, e.g. {@code 0.5}) as bytes. */
    public static long gigabytes(String what, String v) {
        try {
            double gb = Double.parseDouble(v.trim());
            if (gb > 0 && gb < 1e6) return Math.max(1, (long) (gb * GB));
        } catch (RuntimeException e) {
            // fall through
        }
        throw new IllegalArgumentException(what + " must be a positive number of gigabytes, not '" + v + "'");
    }

    private static int intVar(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return "JobsConfig[dir=" + dir + ", ttl=" + ttl + ", maxBytes=" + maxBytes + ", maxActive=" + maxActive
                + ", workers=" + workers + ", webhookAllow=" + webhookAllow + ", webhookSecret=" + (webhookSecret == null ? "none" : "set")
                + ", webhookAttempts=" + webhookAttempts + ", webhookBackoff=" + webhookBackoff + "]";
    }
}
