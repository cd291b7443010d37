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
 * {@code graphs}.
 */
final class GraphCache {

    private static final System.Logger LOG = System.getLogger(GraphCache.class.getName());
    private static final byte[] MAGIC = "LGRAPH1\n".getBytes(StandardCharsets.US_ASCII);
    /** The magic, the INT8 flag, the graph's SHA-256 in hex. */
    private static final int HEADER = MAGIC.length + 1 + 64;

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
                if (kept.equals(Sha256.hex(graph))) return new Hit(all[MAGIC.length] == 1, graph);
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
        }
    }
}
