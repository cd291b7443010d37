package dev.lector.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the API, and how often: named bearer keys compared in constant time (by their
 * SHA-256), failed attempts throttled per client address, a token bucket per key (Bucket4j), and
 * the separate key of {@code /metrics}. Only a key's name is ever logged, counted or put on the
 * request ({@link ProtectionConfig#KEY_NAME_ATTRIBUTE}).
 */
final class Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

    /** The request attribute carrying the seconds a 429 tells its client to wait ({@code Retry-After}). */
    static final String RETRY_AFTER_ATTRIBUTE = "lector.retryAfter";

    private record Entry(String name, byte[] hash, Bucket bucket) {}

    private final List<Entry> keys;
    private final byte[] metricsKeyHash;
    private final int failedPerMinute;
    /** Failed attempts per client address; bounded, forgotten after ten quiet minutes. */
    private final Cache<String, Bucket> failures = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final BiConsumer<String, String> outcome;

    /**
     * @param outcome told {@code (key name or "-", outcome)} for every decision: {@code accepted},
     *                {@code rate_limited}, {@code rejected}, {@code throttled} (for metrics)
     */
    Authentication(List<ProtectionConfig.NamedKey> namedKeys, ProtectionConfig protection, BiConsumer<String, String> outcome) {
        this.keys = namedKeys.stream().map(k -> {
            int rate = k.ratePerMinute() > 0 ? k.ratePerMinute() : protection.keyRatePerMinute();
            return new Entry(k.name(), hash(k.key()), rate == 0 ? null : perMinute(rate));
        }).toList();
        this.metricsKeyHash = protection.metricsKey() == null ? null : hash(protection.metricsKey());
        this.failedPerMinute = protection.failedAuthPerMinute();
        this.outcome = outcome;
    }

    boolean required() {
        return !keys.isEmpty();
    }

    boolean metricsProtected() {
        return metricsKeyHash != null;
    }

    /**
     * Checks the request's bearer key: its name goes on the request; 401 for a missing or wrong
     * key, 429 when this address has failed too often or the key has used up its rate.
     */
    void authenticate(Context ctx) {
        String key = bearer(ctx);
        String address = ctx.ip();
        refuseIfThrottled(ctx, address);
        Entry found = null;
        if (key != null) {
            byte[] h = hash(key);
            for (Entry e : keys) {
                if (MessageDigest.isEqual(e.hash(), h)) found = e; // every key compared: no early exit
            }
        }
        if (found == null) {
            fail(ctx, address, key == null ? "this server needs 'Authorization: Bearer KEY'" : "the API key is not valid");
        }
        ctx.attribute(ProtectionConfig.KEY_NAME_ATTRIBUTE, found.name());
        ctx.attribute(AccessLog.KEY_ATTRIBUTE, found.name()); // the access log's key field
        if (found.bucket() != null) {
            ConsumptionProbe probe = found.bucket().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                outcome.accept(found.name(), "rate_limited");
                throw rateLimited(ctx, probe.getNanosToWaitForRefill(), "API key '" + found.name() + "' is over its rate limit: retry later");
            }
        }
        outcome.accept(found.name(), "accepted");
    }

    /** {@code /metrics} with its own key: 401 without it, throttled like API keys. */
    void authenticateMetrics(Context ctx) {
        String address = ctx.ip();
        refuseIfThrottled(ctx, address);
        String key = bearer(ctx);
        if (key == null || !MessageDigest.isEqual(metricsKeyHash, hash(key))) {
            fail(ctx, address, key == null ? "/metrics needs 'Authorization: Bearer METRICS_KEY'" : "the metrics key is not valid");
        }
    }

    private void refuseIfThrottled(Context ctx, String address) {
        Bucket b = failures.getIfPresent(address);
        if (b != null && b.getAvailableTokens() < 1) {
            outcome.accept("-", "throttled");
            long nanos = b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            throw rateLimited(ctx, nanos, "too many failed API keys from this address: retry later");
        }
    }

    private void fail(Context ctx, String address, String message) {
        failures.get(address, a -> perMinute(failedPerMinute)).tryConsume(1);
        outcome.accept("-", "rejected");
        LOG.info("refused an API key from {} on {} {}", address, ctx.method(), ctx.path());
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiException(ApiException.Kind.UNAUTHORIZED, message);
    }

    private static ApiException rateLimited(Context ctx, long nanosToWait, String message) {
        ctx.attribute(RETRY_AFTER_ATTRIBUTE, String.valueOf(Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L)));
        return new ApiException(ApiException.Kind.RATE_LIMITED, message);
    }

    private static Bucket perMinute(int n) {
        return Bucket.builder().addLimit(limit -> limit.capacity(n).refillGreedy(n, Duration.ofMinutes(1))).build();
    }

    private static String bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String key = auth.substring(7).trim();
        return key.isEmpty() ? null : key;
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
