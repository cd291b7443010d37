package dev.lector.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lector.backend.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Results already computed, keyed by SHA-256 of the body bytes, the options and the models'
 * fingerprint. Bounded by entries and by bytes of JSON at once: each entry weighs at least
 * {@code maxBytes / maxEntries}, so neither bound can be passed. Zero entries turns it off.
 */
public final class ResultCache {

    private final Cache<String, Entry> cache;
    private final int minWeight;

    /** A cached response body (without request_id/cached) and its size. */
    public record Entry(ObjectNode body, int bytes) {}

    public ResultCache(int maxEntries, long maxBytes) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            cache = null;
            minWeight = 0;
        } else {
            minWeight = (int) Math.max(1, (maxBytes + maxEntries - 1) / maxEntries);
            cache = Caffeine.newBuilder()
                    .maximumWeight(maxBytes)
                    .weigher((String k, Entry e) -> Math.max(e.bytes(), minWeight))
                    .build();
        }
    }

    public boolean enabled() {
        return cache != null;
    }

    public static String key(byte[] body, String options, String modelsFingerprint) {
        return Sha256.hex(body) + "|" + Sha256.hex((options + "|" + modelsFingerprint).getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the cached body, or null. */
    public ObjectNode get(String key) {
        if (cache == null) return null;
        Entry e = cache.getIfPresent(key);
        return e == null ? null : e.body().deepCopy();
    }

    public void put(String key, ObjectNode body) {
        if (cache == null) return;
        ObjectNode copy = body.deepCopy();
        cache.put(key, new Entry(copy, copy.toString().length()));
    }

    public long size() {
        if (cache == null) return 0;
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
