package dev.lector.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.lector.backend.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointwiseConvQuantizerTest {

    private static final long[] SHAPE = {1, 8, 6, 10};

    private static List<Tensor> calibration(int n) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Tensor(TinyModel.randomInput(100 + i, SHAPE), SHAPE));
        return out;
    }

    private static double agreement(byte[] original, byte[] quantized, List<Tensor> inputs) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession a = env.createSession(original); OrtSession b = env.createSession(quantized)) {
            return PointwiseConvQuantizer.argmaxAgreement(a, b, inputs);
        }
    }

    private static double relativeError(byte[] original, byte[] quantized) throws Exception {
        float[] x = TinyModel.randomInput(7, SHAPE);
        float[] want = TinyModel.run(original, x, SHAPE);
        float[] got = TinyModel.run(quantized, x, SHAPE);
        double scale = 0;
        for (float v : want) scale = Math.max(scale, Math.abs(v));
        return TinyModel.maxAbsDiff(want, got) / scale;
    }

    @Test
    void pointwiseConvsRunInInt8AndStayCloseToFloat() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "expand", 8, 16, 1, 0, 1);
        m.node("Relu", List.of("expand"), "act");
        m.conv("act", "project", 16, 8, 1, 0, 1);
        m.conv("project", "y", 8, 8, 3, 1, 1).output("y");
        byte[] model = m.build();

        PointwiseConvQuantizer.Result r = PointwiseConvQuantizer.quantize(model, calibration(8), 127);

        assertThat(r.skipped()).isNull();
        assertThat(r.quantized()).isEqualTo(2);
        List<String> ops = TinyModel.ops(r.model());
        assertThat(Collections.frequency(ops, "QLinearConv")).isEqualTo(2);
        assertThat(Collections.frequency(ops, "Conv")).as("the 3x3 conv stays float").isEqualTo(1);
        assertThat(relativeError(model, r.model())).isLessThan(0.03);
    }

    @Test
    void twoConvsReadingOneTensorShareItsQuantisation() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "a", 8, 4, 1, 0, 1);
        m.conv("x", "b", 8, 4, 1, 0, 1);
        m.node("Add", List.of("a", "b"), "y").output("y");
        byte[] model = m.build();

        PointwiseConvQuantizer.Result r = PointwiseConvQuantizer.quantize(model, calibration(4), 127);

        List<String> ops = TinyModel.ops(r.model());
        assertThat(Collections.frequency(ops, "QuantizeLinear")).isEqualTo(1);
        assertThat(Collections.frequency(ops, "QLinearConv")).isEqualTo(2);
        assertThat(relativeError(model, r.model())).isLessThan(0.03);
    }

    @Test
    void aModelWithoutPointwiseConvsOrWithoutCalibrationIsLeftAlone() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "y", 8, 8, 3, 1, 1).output("y");
        byte[] model = m.build();

        PointwiseConvQuantizer.Result none = PointwiseConvQuantizer.quantize(model, calibration(2), 127);
        PointwiseConvQuantizer.Result uncalibrated = PointwiseConvQuantizer.quantize(model, List.of(), 127);

        assertThat(none.skipped()).isEqualTo("no pointwise convolutions");
        assertThat(none.model()).isSameAs(model);
        assertThat(uncalibrated.skipped()).isEqualTo("no calibration inputs");
    }

    @Test
    void aReducedWeightRangeKeepsEveryWeightWithinIt() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "y", 8, 16, 1, 0, 1).output("y");
        byte[] model = m.build();

        PointwiseConvQuantizer.Result r = PointwiseConvQuantizer.quantize(model, calibration(4), 63);

        int weights = 0;
        for (TensorProto t : ModelProto.parseFrom(r.model()).getGraph().getInitializerList()) {
            if (t.getDataType() != TensorProto.DataType.INT8_VALUE || t.getDimsCount() != 4) continue;
            for (byte b : t.getRawData().toByteArray()) {
                assertThat((int) b).isBetween(-63, 63);
                weights++;
            }
        }
        assertThat(weights).isEqualTo(16 * 8);
        assertThat(relativeError(model, r.model())).isLessThan(0.05);
    }

    @Test
    void aConvReadingAnotherConvTakesItsUint8OutputStraight() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "a", 8, 12, 1, 0, 1);
        m.conv("a", "y", 12, 8, 1, 0, 1).output("y");
        byte[] model = m.build();

        PointwiseConvQuantizer.Result r = PointwiseConvQuantizer.quantize(model, calibration(4), 127);

        assertThat(TinyModel.ops(r.model())).containsExactly("QuantizeLinear", "QLinearConv", "QLinearConv", "DequantizeLinear");
        assertThat(relativeError(model, r.model())).isLessThan(0.03);
    }

    @Test
    void argmaxAgreementTellsAFaithfulQuantisationFromOneThatClips() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "a", 8, 12, 1, 0, 1);
        m.conv("a", "y", 12, 8, 1, 0, 1).output("y");
        byte[] model = m.build();
        byte[] int8 = PointwiseConvQuantizer.quantize(model, calibration(4), 127).model();
        List<Tensor> alike = calibration(3);
        List<Tensor> far = new ArrayList<>();
        for (Tensor t : alike) {
            float[] v = t.data().clone();
            for (int i = 0; i < v.length; i++) v[i] = v[i] * 40f + (i % 7 == 0 ? 60f : -60f);
            far.add(new Tensor(v, t.shape()));
        }

        assertThat(agreement(model, model, alike)).isEqualTo(1.0);
        assertThat(agreement(model, int8, alike)).isGreaterThan(0.95);
        assertThat(agreement(model, int8, far)).as("inputs far outside the calibrated range clip")
                .isLessThan(0.95);
    }
}
