package dev.lector.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lector.backend.Sha256;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.nio.charset.StandardCharsets;

/**
 * Documents already read, keyed by SHA-256 of the body bytes, the options and the models'
 * fingerprint. A {@link Document} is immutable, so hits are shared, never copied. Bounded by
 * entries and by an estimate of the bytes held: each entry weighs at least
 * {@code maxBytes / maxEntries}, so neither bound can be passed. Zero entries turns it off.
 */
public final class ResultCache {

    private final Cache<String, Document> cache;

    public ResultCache(int maxEntries, long maxBytes) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            cache = null;
        } else {
            int minWeight = (int) Math.max(1, (maxBytes + maxEntries - 1) / maxEntries);
            cache = Caffeine.newBuilder()
                    .maximumWeight(maxBytes)
                    .weigher((String k, Document d) -> (int) Math.min(Integer.MAX_VALUE, Math.max(weight(d), minWeight)))
                    .build();
        }
    }

    /**
     * Bytes a document holds, roughly: its characters (two bytes each, and the text of each line
     * is held twice, as the line's and as its words') plus a fixed cost per line, word and page
     * for the records and their boxes.
     */
    static long weight(Document d) {
        long bytes = 256;
        for (Page p : d.pages()) {
            bytes += 512;
            for (Line l : p.lines()) bytes += 4L * l.text().length() + 200 + 150L * l.words().size();
        }
        return bytes;
    }

    public boolean enabled() {
        return cache != null;
    }

    public static String key(byte[] body, String options, String modelsFingerprint) {
        return Sha256.hex(body) + "|" + Sha256.hex((options + "|" + modelsFingerprint).getBytes(StandardCharsets.UTF_8));
    }

    /** The cached document, or null. */
    public Document get(String key) {
        return cache == null ? null : cache.getIfPresent(key);
    }

    public void put(String key, Document doc) {
        if (cache != null) cache.put(key, doc);
    }

    public long size() {
        if (cache == null) return 0;
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
