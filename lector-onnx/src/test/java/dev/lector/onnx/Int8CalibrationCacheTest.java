package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.BuildInfo;
import dev.lector.backend.Device;
import dev.lector.backend.ModelSession;
import dev.lector.backend.ModelSource;
import dev.lector.backend.Tensor;
import dev.lector.onnx.graph.ModelRewriter;
import dev.lector.pipeline.ModelSet;
import dev.lector.recognize.CalibrationLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk INT8 calibration cache, with the real PP-OCRv4 recogniser loaded as a user model
 * would be: without graph rewrites its graph is not the one Lector ships a calibration for, so
 * the backend calibrates on the lines it is given, and caches the result.
 */
class Int8CalibrationCacheTest {

    private static List<Tensor> lines;
    private static byte[] model;
    @TempDir
    Path cache;

    @BeforeAll
    static void draw() throws Exception {
        List<String> latin = new ArrayList<>();
        for (char c = '!'; c <= '~'; c++) latin.add(String.valueOf(c));
        CalibrationLines.Drawn d = CalibrationLines.draw(latin, 12, 1);
        assertThat(d.unavailable()).isNull();
        lines = d.lines();
        model = ModelSet.EMBEDDED.rec().readAllBytes();
    }

    private record Load(String precision, int drawn) {
    }

    private Load load() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<List<Tensor>> supplier = () -> {
            calls.incrementAndGet();
            return lines;
        };
        try (OnnxBackend backend = new OnnxBackend(new Device.Cpu(1), null, null, false,
                new Int8CalibrationStore(cache, BuildInfo.current().version()))) {
            ModelSession s = backend.loadQuantized(ModelSource.ofPath(modelFile().toString()), supplier);
            return new Load(s.precision(), calls.get());
        }
    }

    private Path modelFile() {
        Path f = cache.resolveSibling(cache.getFileName() + "-rec.onnx");
        try {
            if (!Files.exists(f)) Files.write(f, model);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return f;
    }

    private Path entry() {
        return cache.resolve("int8").resolve(dev.lector.backend.Sha256.hex(model) + ".json");
    }

    @Test
    void aMissCalibratesAndWritesTheEntryAndAHitDrawsNothingAndGivesTheSameModel() throws Exception {
        Load first = load();
        assertThat(first.drawn()).as("a miss asks for lines").isEqualTo(1);
        assertThat(entry()).isRegularFile();
        String written = Files.readString(entry());
        assertThat(written).contains("\"lector_version\" : \"" + BuildInfo.current().version() + "\"", "\"agreement\"");

        Load second = load();
        assertThat(second.drawn()).as("a hit asks for nothing").isZero();
        assertThat(second.precision()).isEqualTo(first.precision());
        assertThat(Files.readString(entry())).isEqualTo(written);
    }

    @Test
    void aCorruptEntryIsRebuilt() throws Exception {
        load();
        String good = Files.readString(entry());
        Files.writeString(entry(), good.substring(0, good.length() / 2));

        assertThat(load().drawn()).isEqualTo(1);
        assertThat(Files.readString(entry())).isEqualTo(good);

        // valid JSON whose ranges do not give its scales (a hand-edited or damaged number)
        Files.writeString(entry(), good.replaceFirst("\"zero_point\" : (\\d+)", "\"zero_point\" : 300"));
        assertThat(load().drawn()).isEqualTo(1);
        assertThat(Files.readString(entry())).isEqualTo(good);
    }

    @Test
    void anEntryOfAnotherLectorVersionIsStaleAndRebuilt() throws Exception {
        load();
        String good = Files.readString(entry());
        Files.writeString(entry(), good.replace("\"lector_version\" : \"" + BuildInfo.current().version() + "\"",
                "\"lector_version\" : \"0.0.1\""));

        assertThat(load().drawn()).isEqualTo(1);
        assertThat(Files.readString(entry())).isEqualTo(good);
    }

    @Test
    void anEntryForAnotherModelIsNotUsed() throws Exception {
        load();
        byte[] other = ModelRewriter.rewrite(model).model();
        Path otherEntry = cache.resolve("int8").resolve(dev.lector.backend.Sha256.hex(other) + ".json");
        Files.copy(entry(), otherEntry);
        Int8CalibrationStore store = new Int8CalibrationStore(cache, BuildInfo.current().version());

        // filed under the rewritten graph's name but made for the plain one: corrupt, not used
        assertThat(store.find(dev.lector.backend.Sha256.hex(other),
                dev.lector.onnx.graph.PointwiseConvQuantizer.observedTensors(other), 127)).satisfiesAnyOf(
                f -> assertThat(f).isNull(),
                f -> assertThat(f.origin()).isEqualTo(Int8CalibrationStore.Origin.SHIPPED));
    }
}
