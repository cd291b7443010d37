package dev.lector.onnx;

import dev.lector.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Where stored INT8 calibrations come from: first the ones shipped in this jar for the embedded
 * models ({@code dev/lector/onnx/int8/<sha256>.json}, made once and committed, see
 * {@code docs/int8.md}), then a cache folder on disk for any other model, one file per model
 * named by the SHA-256 of the graph that is quantised. A cached entry made by another Lector
 * version is stale, one that does not parse or does not fit the model is corrupt: both are
 * ignored (logged) and overwritten by the next calibration. Writes go to a temporary file first
 * and are moved into place, so readers never see half a file.
 *
 * <p>The folder is {@code -Dlector.cacheDir}, else {@code $LECTOR_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/lector}, else {@code ~/.cache/lector}; the value {@code off} turns the
 * disk cache off.
 */
final class Int8CalibrationStore {

    private static final System.Logger LOG = System.getLogger(Int8CalibrationStore.class.getName());
    static final String SHIPPED = "dev/lector/onnx/int8/";
    private static final String SUBDIR = "int8";

    /** Where an entry was found. */
    enum Origin { SHIPPED, CACHE }

    record Found(Int8Calibration calibration, Origin origin) {
    }

    private final Path cacheDir;
    private final String version;

    /**
     * @param cacheDir the cache folder (entries go into its {@code int8} subfolder), or null for none
     * @param version  the running Lector version; cached entries of other versions are stale
     */
    Int8CalibrationStore(Path cacheDir, String version) {
        this.cacheDir = cacheDir;
        this.version = version;
    }

    /** The store with the configured cache folder and this Lector's version. */
    static Int8CalibrationStore standard() {
        return new Int8CalibrationStore(configuredCacheDir(), BuildInfo.current().version());
    }

    static Path configuredCacheDir() {
        String dir = System.getProperty("lector.cacheDir");
        if (dir == null || dir.isBlank()) dir = System.getenv("LECTOR_CACHE_DIR");
        if (dir != null && !dir.isBlank()) return dir.strip().equals("off") ? null : Path.of(dir.strip());
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "lector");
        return Path.of(System.getProperty("user.home"), ".cache", "lector");
    }

    /** The cache file for {@code modelSha256}, or null without a cache folder. */
    Path cacheFile(String modelSha256) {
        return cacheDir == null ? null : cacheDir.resolve(SUBDIR).resolve(modelSha256 + ".json");
    }

    /**
     * The stored calibration for the graph with {@code modelSha256}, quantising {@code tensors}:
     * the shipped one if it has an agreement for {@code weightMax}, else a valid cached one that
     * has, else whichever of the two exists (ranges without that agreement), else null.
     */
    Found find(String modelSha256, Set<String> tensors, int weightMax) {
        Int8Calibration shipped = shipped(modelSha256, tensors);
        if (shipped != null && shipped.agreement().containsKey(weightMax)) return new Found(shipped, Origin.SHIPPED);
        Int8Calibration cached = cached(modelSha256, tensors);
        if (cached != null && (cached.agreement().containsKey(weightMax) || shipped == null)) return new Found(cached, Origin.CACHE);
        return shipped != null ? new Found(shipped, Origin.SHIPPED) : null;
    }

    private Int8Calibration shipped(String modelSha256, Set<String> tensors) {
        try (InputStream in = Int8CalibrationStore.class.getClassLoader().getResourceAsStream(SHIPPED + modelSha256 + ".json")) {
            if (in == null) return null;
            return Int8Calibration.fromJson(in.readAllBytes(), modelSha256, tensors);
        } catch (IOException | IllegalArgumentException e) {
            // a Lector bug (the shipped file is checked by a test): calibrate as for any model
            LOG.log(System.Logger.Level.WARNING, "the shipped INT8 calibration for model {0} is unusable ({1})", modelSha256, e.getMessage());
            return null;
        }
    }

    private Int8Calibration cached(String modelSha256, Set<String> tensors) {
        Path file = cacheFile(modelSha256);
        if (file == null || !Files.isRegularFile(file)) return null;
        try {
            Int8Calibration c = Int8Calibration.fromJson(Files.readAllBytes(file), modelSha256, tensors);
            if (!c.lectorVersion().equals(version)) {
                LOG.log(System.Logger.Level.INFO, "INT8 calibration cache {0} was made by Lector {1}, not {2}: calibrating again",
                        file, c.lectorVersion(), version);
                return null;
            }
            return c;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "INT8 calibration cache {0} is corrupt ({1}): calibrating again", file, e.getMessage());
            return null;
        }
    }

    /** Writes {@code calibration} to the cache (nothing without a cache folder); a failure is logged, not thrown. */
    void save(Int8Calibration calibration) {
        Path file = cacheFile(calibration.modelSha256());
        if (file == null) return;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), calibration.modelSha256(), ".tmp");
            try {
                Files.write(tmp, calibration.toJson());
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the INT8 calibration cache {0} ({1}); the next start calibrates again",
                    file, e.getMessage());
        }
    }
}
