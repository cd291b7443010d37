package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.BuildInfo;
import dev.lector.backend.Device;
import dev.lector.backend.ModelSession;
import dev.lector.backend.Tensor;
import dev.lector.pipeline.ModelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graphs kept on disk: found again, never for another model, variant or build, and a corrupt entry made again. */
class GraphCacheTest {

    @TempDir
    Path dir;

    @Test
    void anEntryIsFoundOnlyForItsModelVariantAndSalt() throws Exception {
        GraphCache cache = new GraphCache(dir, "build-a");
        byte[] graph = {1, 2, 3, 4, 5};
        cache.save("m1", "rewritten", false, graph);
        cache.save("m1", "rewritten+int8-w127", true, new byte[] {9, 9});
        assertThat(cache.find("m1", "rewritten").graph()).containsExactly(1, 2, 3, 4, 5);
        assertThat(cache.find("m1", "rewritten").int8()).isFalse();
        assertThat(cache.find("m1", "rewritten+int8-w127").int8()).isTrue();
        assertThat(cache.find("m2", "rewritten")).isNull();
        assertThat(cache.find("m1", "as-is+int8-w127")).isNull();
        assertThat(new GraphCache(dir, "build-b").find("m1", "rewritten")).as("another build's entry").isNull();
        assertThat(GraphCache.OFF.find("m1", "rewritten")).isNull();
        GraphCache.OFF.save("m1", "rewritten", false, graph); // nothing to write to: no error
        assertThat(new GraphCache(null, "x").enabled()).isFalse();
    }

    @Test
    void entriesUnusedForAMonthGoWhenANewOneIsKeptAndAReadKeepsAnEntry() throws Exception {
        GraphCache old = new GraphCache(dir, "build-old"), cache = new GraphCache(dir, "build-new");
        old.save("m", "rewritten", false, new byte[] {1, 2, 3});
        cache.save("m", "in-use", false, new byte[] {4, 5, 6});
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(GraphCache.UNUSED_FOR).minus(java.time.Duration.ofDays(1)));
        Files.setLastModifiedTime(old.file("m", "rewritten"), longAgo);
        Files.setLastModifiedTime(cache.file("m", "in-use"), longAgo);
        Path stray = dir.resolve("graph123.tmp");
        Files.write(stray, new byte[] {0});
        Files.setLastModifiedTime(stray, longAgo);

        assertThat(cache.find("m", "in-use")).as("read today").isNotNull();
        cache.save("m", "rewritten", false, new byte[] {7, 8, 9});

        assertThat(old.file("m", "rewritten")).as("the old build's entry").doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(cache.find("m", "in-use").graph()).containsExactly(4, 5, 6);
        assertThat(cache.find("m", "rewritten").graph()).containsExactly(7, 8, 9);
    }

    @Test
    void aCorruptEntryIsNotReadAndIsDeleted() throws Exception {
        GraphCache cache = new GraphCache(dir, "s");
        cache.save("m", "v", false, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path f = cache.file("m", "v");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 1] ^= 1;
        Files.write(f, bytes);
        assertThat(cache.find("m", "v")).isNull();
        assertThat(f).doesNotExist();
        Files.writeString(f, "not a graph");
        assertThat(cache.find("m", "v")).isNull();
    }

    /** The embedded recogniser: the second backend loads the kept INT8 graph, which runs exactly as the one made anew. */
    @Test
    void theEmbeddedRecogniserIsKeptAsItsInt8GraphAndRunsTheSame() throws Exception {
        GraphCache cache = new GraphCache(dir, "test-build");
        Int8CalibrationStore noDiskCalibrations = new Int8CalibrationStore(null, BuildInfo.current().version());
        Tensor line = new Tensor(new float[3 * 48 * 160], new long[] {1, 3, 48, 160});
        for (int i = 0; i < line.data().length; i++) line.data()[i] = (float) Math.sin(i * 0.01);
        float[] fresh;
        try (OnnxBackend b = new OnnxBackend(new Device.Cpu(1), null, null, true, noDiskCalibrations, cache)) {
            ModelSession s = b.loadQuantized(ModelSet.EMBEDDED.rec(), () -> List.of());
            assertThat(s.precision()).isEqualTo(PointwiseInt8.expected());
            fresh = s.run(line).data();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".graph")).count()).isEqualTo(1);
        }
        try (OnnxBackend b = new OnnxBackend(new Device.Cpu(1), null, null, true, noDiskCalibrations, cache)) {
            // no calibration inputs are needed either way: the shipped calibration decides
            ModelSession s = b.loadQuantized(ModelSet.EMBEDDED.rec(), () -> {
                throw new AssertionError("calibration lines asked for");
            });
            assertThat(s.precision()).isEqualTo(PointwiseInt8.expected());
            assertThat(s.run(line).data()).containsExactly(fresh);
        }
    }

    /** Whether this CPU runs the embedded recogniser in INT8 (its shipped agreement for this CPU's weight range). */
    private static final class PointwiseInt8 {
        static String expected() {
            return dev.lector.onnx.graph.PointwiseConvQuantizer.weightMaxForThisCpu() == 127 ? "int8" : "fp32";
        }
    }
}
