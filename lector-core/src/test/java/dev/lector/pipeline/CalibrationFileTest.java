package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.backend.StoredCalibration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file `lector calibrate` writes: what it holds, when a model passed, and bad files refused with a reason. */
class CalibrationFileTest {

    private static final String SHA = "ab".repeat(32);

    private static CalibrationFile.ModelCalibration entry(String role, double hmean) {
        return new CalibrationFile.ModelCalibration(role, role + ".onnx", SHA, List.of("a.jpg", "b.jpg", "c.jpg"), List.of("d.jpg"),
                List.of(new CalibrationFile.Measure("det_hmean", hmean, 0.97), new CalibrationFile.Measure("text_agreement", 0.995, 0.99)),
                new StoredCalibration("onnxruntime", "{\"weight_max\":127,\"tensors\":[{\"name\":\"x\",\"min\":-1.5,\"max\":2.25}]}"));
    }

    @Test
    void roundTripsEverythingItHolds() {
        CalibrationFile f = new CalibrationFile("0.2.0", "onnxruntime", "receipts/", List.of(entry("det", 0.98), entry("rec", 0.99)));
        CalibrationFile back = CalibrationFile.parse(f.toJson());
        assertThat(back.lectorVersion()).isEqualTo("0.2.0");
        assertThat(back.backend()).isEqualTo("onnxruntime");
        assertThat(back.source()).isEqualTo("receipts/");
        assertThat(back.models()).hasSize(2);
        CalibrationFile.ModelCalibration det = back.model("det");
        assertThat(det.model()).isEqualTo("det.onnx");
        assertThat(det.modelSha256()).isEqualTo(SHA);
        assertThat(det.calibratedOn()).containsExactly("a.jpg", "b.jpg", "c.jpg");
        assertThat(det.checkedOn()).containsExactly("d.jpg");
        assertThat(det.check()).containsExactlyElementsOf(f.model("det").check());
        assertThat(det.int8().backend()).isEqualTo("onnxruntime");
        assertThat(det.int8().json()).contains("\"weight_max\":127").contains("2.25");
        assertThat(back.model("cls")).isNull();
        assertThat(new String(f.toJson(), StandardCharsets.UTF_8)).contains("\"passed\" : true");
    }

    @Test
    void aModelPassesOnlyWhenEveryFigureReachesItsMinimum() {
        assertThat(entry("det", 0.97).passed()).isTrue();
        assertThat(entry("det", 0.969).passed()).isFalse();
        assertThat(entry("det", 0.5).checkSummary()).isEqualTo("det_hmean 0.5000 (>= 0.97), text_agreement 0.9950 (>= 0.99)");
        var unchecked = new CalibrationFile.ModelCalibration("det", "d", SHA, List.of(), List.of(), List.of(), entry("det", 1).int8());
        assertThat(unchecked.passed()).isFalse();
    }

    @Test
    void badFilesAreRefusedSayingWhy(@TempDir Path dir) throws Exception {
        String good = new String(new CalibrationFile("0.2.0", "onnxruntime", "x", List.of(entry("det", 0.98))).toJson(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CalibrationFile.parse("not json".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> CalibrationFile.parse(good.replace("\"format\" : 1", "\"format\" : 9").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("format is not 1");
        assertThatThrownBy(() -> CalibrationFile.parse(good.replace("\"role\" : \"det\"", "\"role\" : \"cls\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unknown model role cls");
        assertThatThrownBy(() -> CalibrationFile.parse(good.replace(SHA, "1234").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("det: model_sha256 is not a SHA-256");
        assertThatThrownBy(() -> CalibrationFile.parse(good.replace("\"int8\" :", "\"int9\" :").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("det: no int8 calibration");
        assertThatThrownBy(() -> CalibrationFile.parse("{\"format\":1,\"models\":[]}".getBytes(StandardCharsets.UTF_8))).hasMessage("no models");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> CalibrationFile.read(missing)).hasMessage("calibration file " + missing + " does not exist");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{");
        assertThatThrownBy(() -> CalibrationFile.read(broken)).hasMessageStartingWith("calibration file " + broken + " is not one `lector calibrate` wrote: not JSON");
        assertThatThrownBy(() -> new CalibrationFile("0.2.0", "o", "x", List.of(entry("det", 1), entry("det", 1))))
                .hasMessage("one calibration per model role");
    }
}
