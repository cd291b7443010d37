package dev.lector.onnx;

import dev.lector.BuildInfo;
import dev.lector.backend.Sha256;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The graphs Lector made from a model (rewritten, and INT8 where its shipped calibration says so),
 * kept on disk so that later starts load them as they are instead of rewriting and quantising the
 * model again. What is kept is a pure function of the model's bytes and of this Lector's code: an
 * entry is keyed by the model's SHA-256, what was made of it (the variant) and the SHA-256 of the
 * lector-onnx jar that made it, so a new build never reads an old build's graphs. Running from a
 * classes folder (developing Lector, where the code changes under the same version) the cache is
 * off. An entry holds its graph's SHA-256 and is checked on every read; a corrupt one is deleted
 * and made again. The folder is the INT8 calibrations' ({@link Int8CalibrationStore}), subfolder
 * {@code graphs}. An entry no start has used for {@link #UNUSED_FOR} (an older build's, a model no
 * longer loaded) is deleted when a new one is kept, so upgrades do not pile up graphs.
 */
final class GraphCache {

    private static final System.Logger LOG = System.getLogger(GraphCache.class.getName());
    private static final byte[] MAGIC = "LGRAPH1\n".getBytes(StandardCharsets.US_ASCII);
    /** The magic, the INT8 flag, the graph's SHA-256 in hex. */
    private static final int HEADER = MAGIC.length + 1 + 64;

    /** How long an entry may go unused (not read, not written) before a later save deletes it. */
    static final Duration UNUSED_FOR = Duration.ofDays(30);

    /** No cache: nothing is found, nothing is kept. */
    static final GraphCache OFF = new GraphCache(null, null);

    /** A graph found in the cache; {@code int8}: it is the INT8 model. */
    record Hit(boolean int8, byte[] graph) {
    }

    private final Path dir;
    private final String salt;

    /**
     * @param dir  the folder entries go into, or null for none
     * @param salt what identifies the code that makes the graphs (entries of another salt are never read)
     */
    GraphCache(Path dir, String salt) {
        this.dir = dir == null || salt == null ? null : dir;
        this.salt = salt;
    }

    /** In the configured cache folder, salted with this lector-onnx jar; off without either. */
    static GraphCache standard() {
        Path cache = Int8CalibrationStore.configuredCacheDir();
        String salt = jarSalt();
        return cache == null || salt == null ? OFF : new GraphCache(cache.resolve("graphs"), salt);
    }

    /** SHA-256 of the jar this class was loaded from, with Lector's version; null when not loaded from a jar. */
    private static String jarSalt() {
        try {
            var source = GraphCache.class.getProtectionDomain().getCodeSource();
            if (source == null) return null;
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) return null;
            return BuildInfo.current().version() + "/" + Sha256.hex(Files.readAllBytes(jar));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    boolean enabled() {
        return dir != null;
    }

    Path file(String modelSha256, String variant) {
        String key = Sha256.hex((salt + "\n" + modelSha256 + "\n" + variant).getBytes(StandardCharsets.UTF_8));
        return dir.resolve(key + ".graph");
    }

    /** The graph kept for this model and variant, or null (none, or a corrupt entry, which is deleted). */
    Hit find(String modelSha256, String variant) {
        if (dir == null) return null;
        Path f = file(modelSha256, variant);
        if (!Files.isRegularFile(f)) return null;
        try {
            byte[] all = Files.readAllBytes(f);
            if (all.length > HEADER && Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length) && all[MAGIC.length] <= 1) {
                byte[] graph = Arrays.copyOfRange(all, HEADER, all.length);
                String kept = new String(all, MAGIC.length + 1, 64, StandardCharsets.US_ASCII);
                if (kept.equals(Sha256.hex(graph))) {
                    markUsed(f);
                    return new Hit(all[MAGIC.length] == 1, graph);
                }
            }
            LOG.log(System.Logger.Level.WARNING, "graph cache entry {0} is corrupt: deleted, the model is rewritten again", f);
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read graph cache entry {0} ({1})", f, e.getMessage());
        }
        return null;
    }

    /** Keeps {@code graph} for this model and variant; a failure is logged, never thrown. */
    void save(String modelSha256, String variant, boolean int8, byte[] graph) {
        if (dir == null) return;
        Path f = file(modelSha256, variant);
        try {
            Files.createDirectories(dir);
            byte[] sha = Sha256.hex(graph).getBytes(StandardCharsets.US_ASCII);
            Path tmp = Files.createTempFile(dir, "graph", ".tmp");
            try {
                try (var out = Files.newOutputStream(tmp)) {
                    out.write(MAGIC);
                    out.write(int8 ? 1 : 0);
                    out.write(sha);
                    out.write(graph);
                }
                try {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot keep the graph in {0} ({1}); the next start rewrites the model again", f, e.getMessage());
            return;
        }
        deleteUnused(Instant.now().minus(UNUSED_FOR));
    }

    /** An entry's last use is its modification time. */
    private static void markUsed(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // read-only cache folder: the entry may be deleted as unused one day and made again
        }
    }

    /** Deletes the entries (and stray temporary files) last used before {@code cutoff}; failures are ignored. */
    void deleteUnused(Instant cutoff) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".graph") && !name.endsWith(".tmp")) continue;
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) Files.deleteIfExists(p);
                } catch (IOException e) {
                    // gone meanwhile, or not ours to delete
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list graph cache {0} ({1})", dir, e.getMessage());
        }
    }
}
