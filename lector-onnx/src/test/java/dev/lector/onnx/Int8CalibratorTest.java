package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.backend.InferenceException;
import dev.lector.image.PageRange;
import dev.lector.pipeline.CalibrationFile;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.EngineInfo;
import dev.lector.pipeline.Int8Calibrator;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.Page;
import dev.lector.testing.TextRenderer;
import dev.lector.testing.TextRenderer.Placed;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lector calibrate}'s work with the real models: INT8 calibration of the detector and the
 * recogniser on rendered pages, checked on held-back ones; an engine given the file runs the
 * models that passed in INT8 and reads the same text, and refuses a file made for another model.
 */
class Int8CalibratorTest {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 30);
    private static final String[][] TEXTS = {
        {"Invoice number 4711", "Delivered on 12 March 2026", "Total due 129.50 EUR"},
        {"Thank you for your order", "Payment by card", "Change 0.00"},
        {"Station Road 14", "Opening hours 8 to 18", "Phone 0123 456789"},
        {"Receipt 2026-0042", "Coffee 2.40", "Cake 3.10"},
        {"Quarterly report", "Revenue grew by 12 percent", "Costs fell slightly"},
        {"Meeting notes", "Next review in June", "Action items below"},
        {"Order 88817", "Shipped to Berlin", "Tracking 1Z999AA1"},
        {"Tax 7.59", "Subtotal 40.00", "Grand total 47.59"},
    };
    private static final List<Int8Calibrator.Input> INPUTS = new ArrayList<>();
    private static CalibrationFile file;

    @BeforeAll
    static void calibrate() throws Exception {
        for (int i = 0; i < TEXTS.length; i++) {
            Placed[] lines = new Placed[TEXTS[i].length];
            for (int j = 0; j < lines.length; j++) lines[j] = new Placed(TEXTS[i][j], 50, 70 + 70 * j);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(TextRenderer.render(720, 300, FONT, lines), "png", png);
            INPUTS.add(new Int8Calibrator.Input("page-" + i + ".png", png.toByteArray()));
        }
        List<String> said = new ArrayList<>();
        file = Int8Calibrator.calibrate(EngineConfig.defaults(), OcrOptions.DEFAULT, "rendered", INPUTS, said::add);
        assertThat(said).containsExactly("calibrating on 6 inputs", "checking on 2 held-back inputs");
    }

    @Test
    void everyFourthPageIsHeldBackAndBothModelsAreCheckedOnThem() {
        assertThat(file.models()).extracting(CalibrationFile.ModelCalibration::role).containsExactly("det", "rec");
        for (CalibrationFile.ModelCalibration m : file.models()) {
            assertThat(m.calibratedOn()).as(m.role()).containsExactly("page-0.png", "page-1.png", "page-2.png", "page-4.png", "page-5.png", "page-6.png");
            assertThat(m.checkedOn()).as(m.role()).containsExactly("page-3.png", "page-7.png");
            // clean rendered pages: the INT8 models read them as the float ones do
            assertThat(m.passed()).as(m.role() + ": " + m.checkSummary()).isTrue();
        }
        assertThat(file.model("det").check()).extracting(CalibrationFile.Measure::name).containsExactly("det_hmean", "text_agreement", "line_agreement");
        assertThat(file.source()).isEqualTo("rendered");
        assertThat(CalibrationFile.parse(file.toJson()).models()).hasSize(2);
    }

    @Test
    void anEngineWithTheFileRunsTheDetectorInInt8AndReadsTheSameText() throws Exception {
        List<String> expected = java.util.Arrays.stream(TEXTS[3]).map(t -> t.replace(" ", "")).toList();
        try (OcrEngine plain = OcrEngine.open(EngineConfig.defaults().withWarmUp(false));
             OcrEngine int8 = OcrEngine.open(EngineConfig.defaults().withWarmUp(false).withCalibration(file))) {
            assertThat(precision(plain.info(), "det")).isEqualTo("fp32");
            assertThat(precision(int8.info(), "det")).isEqualTo("int8");
            assertThat(precision(int8.info(), "rec")).isEqualTo("int8");
            Page a = plain.read(INPUTS.get(3).bytes().read(), PageRange.ALL, OcrOptions.DEFAULT).pages().getFirst();
            Page b = int8.read(INPUTS.get(3).bytes().read(), PageRange.ALL, OcrOptions.DEFAULT).pages().getFirst();
            assertThat(b.lines()).extracting(l -> l.text().replace(" ", "")).containsExactlyElementsOf(expected);
            assertThat(a.lines()).extracting(l -> l.text().replace(" ", "")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aModelThatFailedItsCheckRunsInFloat() {
        CalibrationFile.ModelCalibration det = file.model("det");
        var failed = new CalibrationFile.ModelCalibration("det", det.model(), det.modelSha256(), det.calibratedOn(), det.checkedOn(),
                List.of(new CalibrationFile.Measure("det_hmean", 0.5, Int8Calibrator.MIN_DET_HMEAN)), det.int8());
        CalibrationFile f = new CalibrationFile(file.lectorVersion(), file.backend(), file.source(), List.of(failed));
        try (OcrEngine engine = OcrEngine.open(EngineConfig.defaults().withWarmUp(false).withCalibration(f))) {
            assertThat(precision(engine.info(), "det")).isEqualTo("fp32");
        }
        // and --no-int8 turns every INT8 model off, a passed calibration's too
        try (OcrEngine engine = OcrEngine.open(EngineConfig.defaults().withWarmUp(false).withInt8Recognition(false).withCalibration(file))) {
            assertThat(precision(engine.info(), "det")).isEqualTo("fp32");
            assertThat(precision(engine.info(), "rec")).isEqualTo("fp32");
        }
    }

    @Test
    void aFileMadeForAnotherModelIsRefusedNamingBoth() {
        CalibrationFile.ModelCalibration det = file.model("det");
        var other = new CalibrationFile.ModelCalibration("det", "other_det.onnx", "0".repeat(64), det.calibratedOn(), det.checkedOn(),
                det.check(), det.int8());
        CalibrationFile f = new CalibrationFile(file.lectorVersion(), file.backend(), file.source(), List.of(other));
        assertThatThrownBy(() -> OcrEngine.open(EngineConfig.defaults().withWarmUp(false).withCalibration(f)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("made for the det model other_det.onnx")
                .hasMessageContaining("not for ch_PP-OCRv4_det_infer.onnx");
        // the same ranges with graph rewrites off are for another graph: refused, not run wrongly
        assertThatThrownBy(() -> OcrEngine.open(EngineConfig.defaults().withWarmUp(false).withRewriteGraphs(false).withCalibration(file)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("does not fit model ch_PP-OCRv4_det_infer.onnx")
                .hasMessageContaining("graph rewrites off");
    }

    private static String precision(EngineInfo info, String role) {
        return info.models().stream().filter(m -> m.role().equals(role)).findFirst().orElseThrow().precision();
    }
}
