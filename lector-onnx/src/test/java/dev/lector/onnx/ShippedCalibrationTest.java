package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lector.BuildInfo;
import dev.lector.backend.Sha256;
import dev.lector.backend.Tensor;
import dev.lector.onnx.graph.ModelRewriter;
import dev.lector.onnx.graph.PointwiseConvQuantizer;
import dev.lector.pipeline.ModelSet;
import dev.lector.recognize.CalibrationLines;
import dev.lector.recognize.Charset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The INT8 calibration shipped for the embedded recogniser ({@code dev/lector/onnx/int8/}): it
 * fits the model Lector quantises, and it is what the calibration code computes from the lines it
 * records. {@link #writeShipped} made it (see docs/int8.md).
 */
class ShippedCalibrationTest {

    /** Lines drawn, and how many of them calibrate: as {@code EngineFactory} did at every start before. */
    static final int LINES = 42;
    static final int CALIBRATING = LINES * 3 / 4;

    static byte[] rewrittenRec() throws IOException {
        return ModelRewriter.rewrite(ModelSet.EMBEDDED.rec().readAllBytes()).model();
    }

    static Int8Calibration shipped(byte[] graph) throws IOException {
        String sha = Sha256.hex(graph);
        try (InputStream in = ShippedCalibrationTest.class.getClassLoader()
                .getResourceAsStream(Int8CalibrationStore.SHIPPED + sha + ".json")) {
            assertThat(in).as("a shipped calibration for the rewritten embedded recogniser " + sha).isNotNull();
            return Int8Calibration.fromJson(in.readAllBytes(), sha, PointwiseConvQuantizer.observedTensors(graph));
        }
    }

    @Test
    void theShippedCalibrationFitsTheEmbeddedRecogniserAndRecordsItsCheckForBothWeightRanges() throws IOException {
        byte[] graph = rewrittenRec();
        Int8Calibration c = shipped(graph);

        assertThat(c.sourceSha256()).isEqualTo(Sha256.hex(ModelSet.EMBEDDED.rec().readAllBytes()));
        assertThat(c.ranges()).hasSize(PointwiseConvQuantizer.observedTensors(graph).size()).isNotEmpty();
        assertThat(c.agreement()).containsOnlyKeys(63, 127);
        // full int8 weights (VNNI CPUs) pass; the reduced range of older x86 CPUs (0.947) runs in float
        assertThat(c.agreement().get(127)).isGreaterThanOrEqualTo(OnnxBackend.MIN_INT8_AGREEMENT);
        assertThat(c.agreement().get(63)).isBetween(0.5, 1.0);
        PointwiseConvQuantizer.Result q = PointwiseConvQuantizer.quantize(graph, c.ranges(), 127);
        assertThat(q.skipped()).isNull();
        assertThat(q.quantized()).isEqualTo(21);
        // quantising from stored ranges is a pure function: the same bytes every time
        assertThat(PointwiseConvQuantizer.quantize(graph, c.ranges(), 127).model()).isEqualTo(q.model());
    }

    @Test
    void theShippedRangesAreWhatCalibrationComputesFromTheLinesItRecords() throws IOException {
        byte[] graph = rewrittenRec();
        Int8Calibration c = shipped(graph);
        List<Tensor> lines = systemFontLines();
        assumeThat(CalibrationLines.sha256(lines))
                .as("this machine's fonts draw the lines the shipped calibration was made from (" + c.made() + ")")
                .isEqualTo(c.linesSha256());

        PointwiseConvQuantizer.Ranges r = PointwiseConvQuantizer.observe(graph, lines.subList(0, CALIBRATING));

        assertThat(r.ranges().keySet()).containsExactlyElementsOf(c.ranges().keySet());
        r.ranges().forEach((name, range) -> {
            float[] want = c.ranges().get(name);
            assertThat(range[0]).as(name + " min").isCloseTo(want[0], org.assertj.core.data.Percentage.withPercentage(1e-3));
            assertThat(range[1]).as(name + " max").isCloseTo(want[1], org.assertj.core.data.Percentage.withPercentage(1e-3));
        });
    }

    static List<Tensor> systemFontLines() throws IOException {
        return CalibrationLines.renderWithSystemFonts(Charset.readDictionary(ModelSet.EMBEDDED.dictionary().readAllBytes()), LINES, 1);
    }

    /**
     * Makes the shipped file: {@code -Dlector.int8.writeShipped=DIR} writes
     * {@code DIR/<sha256>.json}. Run on a machine with CJK fonts and VNNI (for the 127 check).
     */
    @Test
    @EnabledIfSystemProperty(named = "lector.int8.writeShipped", matches = ".+")
    void writeShipped() throws IOException, OrtException {
        assertThat(PointwiseConvQuantizer.weightMaxForThisCpu()).as("a CPU with VNNI checks the 127 range truthfully").isEqualTo(127);
        byte[] graph = rewrittenRec();
        List<Tensor> lines = systemFontLines();
        assertThat(lines).hasSize(LINES);
        PointwiseConvQuantizer.Ranges r = PointwiseConvQuantizer.observe(graph, lines.subList(0, CALIBRATING));
        assertThat(r.skipped()).isNull();
        String fonts = System.getProperty("lector.int8.fonts", "the JDK's logical fonts");
        Int8Calibration c = new Int8Calibration(Sha256.hex(graph), Sha256.hex(ModelSet.EMBEDDED.rec().readAllBytes()),
                BuildInfo.current().version(),
                LINES + " lines from CalibrationLines.renderWithSystemFonts(dictionary, " + LINES + ", seed 1) on " + fonts
                        + "; the first " + CALIBRATING + " calibrate, the other " + (LINES - CALIBRATING) + " check",
                CalibrationLines.sha256(lines), r.ranges(), Map.of());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<Tensor> check = lines.subList(CALIBRATING, LINES);
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession f = env.createSession(graph, o)) {
            for (int w : new int[] {63, 127}) {
                try (OrtSession q = env.createSession(PointwiseConvQuantizer.quantize(graph, c.ranges(), w).model(), o)) {
                    c = c.withAgreement(w, PointwiseConvQuantizer.argmaxAgreement(f, q, check));
                }
            }
        }
        Path dir = Path.of(System.getProperty("lector.int8.writeShipped"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(c.modelSha256() + ".json"), c.toJson());
        assertThat(Int8Calibration.fromJson(c.toJson(), c.modelSha256(), Set.copyOf(c.ranges().keySet())).ranges())
                .containsOnlyKeys(c.ranges().keySet());
    }
}
