package dev.lector.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hard-swish after a DequantizeLinear becomes one HardSwish, the opset raised without changing what the graph computes. */
class DequantizedHardSwishTest {

    private static final long[] SHAPE = {1, 4, 3, 5};

    /** x -> Q -> DQ -> x * HardSigmoid(x) -> Squeeze(axis 0) -> Softmax(axis 0: over everything, as opset 12 means it) */
    private static byte[] quantizedBlock(String extraOp) {
        TinyModel m = new TinyModel().input("x", SHAPE).output("y");
        String scale = m.scalar("s", 0.05f);
        TensorProto.Builder zp = TensorProto.newBuilder().setName("zp").setDataType(TensorProto.DataType.UINT8_VALUE)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 128}));
        m.initializer(zp);
        m.node("QuantizeLinear", List.of("x", "s", "zp"), "xq");
        m.node("DequantizeLinear", List.of("xq", "s", "zp"), "xd");
        m.node("HardSigmoid", List.of("xd"), "g", OnnxGraph.floatAttribute("alpha", 1f / 6), OnnxGraph.floatAttribute("beta", 0.5f));
        m.node("Mul", List.of("xd", "g"), "h");
        m.node("Squeeze", List.of("h"), "sq", OnnxGraph.intsAttribute("axes", 0));
        String last = "sq";
        if (extraOp != null) {
            m.node(extraOp, List.of(last), "extra");
            last = "extra";
        }
        m.node("Softmax", List.of(last), "y", OnnxGraph.intAttribute("axis", 0));
        return m.build();
    }

    private static byte[] rewrite(byte[] model, int[] applied) throws Exception {
        OnnxGraph g = OnnxGraph.parse(model);
        applied[0] = new DequantizedHardSwish().apply(g);
        return g.toBytes();
    }

    @Test
    void theDequantizedHardSwishIsOneOpAndTheGraphComputesTheSameAtOpset14() throws Exception {
        byte[] before = quantizedBlock(null);
        int[] applied = new int[1];
        byte[] after = rewrite(before, applied);

        assertThat(applied[0]).isEqualTo(1);
        assertThat(ModelProto.parseFrom(after).getOpsetImport(0).getVersion()).isEqualTo(14);
        assertThat(TinyModel.ops(after)).contains("HardSwish", "Flatten", "Reshape").doesNotContain("HardSigmoid");
        for (long seed = 1; seed <= 3; seed++) {
            float[] x = TinyModel.randomInput(seed, SHAPE);
            float[] a = TinyModel.run(before, x, SHAPE), b = TinyModel.run(after, x, SHAPE);
            // opset 12's Softmax(axis 0) normalises all 60 values together: they sum to 1
            double sum = 0;
            for (float v : b) sum += v;
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(TinyModel.maxAbsDiff(a, b)).as("seed %d", seed).isLessThan(1e-6);
        }
    }

    @Test
    void aGraphWithAnOperatorWhoseMeaningMayChangeIsLeftAsItIs() throws Exception {
        byte[] before = quantizedBlock("Hardmax");
        int[] applied = new int[1];
        byte[] after = rewrite(before, applied);
        assertThat(applied[0]).isZero();
        assertThat(ModelProto.parseFrom(after).getOpsetImport(0).getVersion()).isEqualTo(12);
        assertThat(TinyModel.ops(after)).contains("HardSigmoid").doesNotContain("HardSwish");
    }

    @Test
    void aHardSwishAfterAFloatConvolutionIsLeftForOnnxRuntimeToFuseIntoIt() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE).output("y");
        m.conv("x", "c", 4, 4, 1, 0, 1);
        m.node("HardSigmoid", List.of("c"), "g", OnnxGraph.floatAttribute("alpha", 1f / 6), OnnxGraph.floatAttribute("beta", 0.5f));
        m.node("Mul", List.of("c", "g"), "y");
        int[] applied = new int[1];
        byte[] after = rewrite(m.build(), applied);
        assertThat(applied[0]).isZero();
        assertThat(TinyModel.ops(after)).containsExactly("Conv", "HardSigmoid", "Mul");
    }
}
