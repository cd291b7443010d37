package dev.lector.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRewriterTest {

    private static final long[] SHAPE = {1, 4, 9, 11};

    /** PP-LCNetV3's block as Paddle exports it: conv, BN, affine, hard-swish, affine, then the next conv. */
    private static TinyModel lcnetBlock(int nextKernel, int nextPad, int nextGroup) {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "c1", 4, 8, 3, 1, 1);
        m.node("BatchNormalization", List.of("c1", m.positiveWeight("g", 8), m.randomWeight("beta", 8),
                m.randomWeight("mean", 8), m.positiveWeight("var", 8)), "bn", OnnxGraph.floatAttribute("epsilon", 1e-5f));
        m.node("Mul", List.of(m.constantNode("s1", 0.7f), "bn"), "lab1.mul");
        m.node("Add", List.of("lab1.mul", m.constantNode("b1", 0.2f)), "lab1");
        m.hardSwish("lab1", "act");
        m.node("Mul", List.of(m.scalar("s2", 1.3f), "act"), "lab2.mul");
        m.node("Add", List.of("lab2.mul", m.scalar("b2", -0.4f)), "lab2");
        m.conv("lab2", "y", 8, 8, nextKernel, nextPad, nextGroup);
        return m.output("y");
    }

    private static double rewrittenDiff(byte[] original, byte[] rewritten) throws Exception {
        float[] x = TinyModel.randomInput(1, SHAPE);
        return TinyModel.maxAbsDiff(TinyModel.run(original, x, SHAPE), TinyModel.run(rewritten, x, SHAPE));
    }

    @Test
    void foldsAWholeBlockIntoConvolutionsAndTwoActivationOps() throws Exception {
        byte[] model = lcnetBlock(1, 0, 1).build();
        ModelRewriter.Result r = ModelRewriter.rewrite(model);

        assertThat(r.skipped()).isNull();
        assertThat(r.applied()).containsEntry("batchnorm-into-conv", 1).containsEntry("affine-into-conv", 1)
                .containsEntry("hardswish", 1).containsEntry("affine-into-next-conv", 1);
        assertThat(TinyModel.ops(r.model())).containsExactly("Conv", "HardSigmoid", "Mul", "Conv");
        assertThat(rewrittenDiff(model, r.model())).isLessThan(1e-4);
    }

    @Test
    void anAffineBeforeAPaddedConvBecomesADepthwiseConvBecauseFoldingWouldChangeTheBorder() throws Exception {
        byte[] model = lcnetBlock(3, 1, 8).build();
        ModelRewriter.Result r = ModelRewriter.rewrite(model);

        assertThat(TinyModel.ops(r.model())).containsExactly("Conv", "HardSigmoid", "Mul", "Conv", "Conv");
        assertThat(rewrittenDiff(model, r.model())).isLessThan(1e-4);
    }

    @Test
    void aScaleAloneFoldsIntoAPaddedConvBecauseZeroPaddingStaysZero() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.node("Relu", List.of("x"), "r");
        m.node("Mul", List.of("r", m.scalar("s", -2.5f)), "scaled");
        m.conv("scaled", "y", 4, 6, 3, 1, 1).output("y");
        byte[] model = m.build();
        ModelRewriter.Result r = ModelRewriter.rewrite(model);

        assertThat(TinyModel.ops(r.model())).containsExactly("Relu", "Conv");
        assertThat(rewrittenDiff(model, r.model())).isLessThan(1e-4);
    }

    @Test
    void subAndDivByConstantsJoinTheAffineChain() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "c", 4, 5, 3, 1, 1);
        m.node("Sub", List.of("c", m.scalar("m", 0.3f)), "centred");
        m.node("Div", List.of("centred", m.scalar("d", 4f)), "y").output("y");
        byte[] model = m.build();
        ModelRewriter.Result r = ModelRewriter.rewrite(model);

        assertThat(TinyModel.ops(r.model())).containsExactly("Conv");
        assertThat(rewrittenDiff(model, r.model())).isLessThan(1e-5);
    }

    @Test
    void aTensorSomethingElseAlsoReadsIsNotFoldedAway() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "c", 4, 4, 3, 1, 1);
        m.node("Mul", List.of("c", m.scalar("s", 2f)), "scaled");
        m.node("Add", List.of("scaled", "c"), "y").output("y");
        byte[] model = m.build();
        ModelRewriter.Result r = ModelRewriter.rewrite(model);

        assertThat(r.skipped()).isEqualTo("nothing to rewrite");
        assertThat(r.model()).isSameAs(model);
    }

    @Test
    void aGraphOutputInsideAChainIsKept() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "c", 4, 4, 3, 1, 1);
        m.node("Mul", List.of("c", m.scalar("s", 2f)), "y");
        m.output("c").output("y");
        ModelRewriter.Result r = ModelRewriter.rewrite(m.build());

        assertThat(TinyModel.ops(r.model())).containsExactly("Conv", "Mul");
    }

    @Test
    void perChannelScalesAndOtherClipBoundsAreLeftAlone() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.conv("x", "c", 4, 4, 1, 0, 1);
        m.node("Mul", List.of("c", m.randomWeight("per_channel", 4, 1, 1)), "scaled");
        m.node("Add", List.of("scaled", m.scalar("three", 3f)), "plus3");
        m.node("Clip", List.of("plus3", m.scalar("lo", 0f), m.scalar("hi", 1f)), "clipped");
        m.node("Mul", List.of("scaled", "clipped"), "prod");
        m.node("Div", List.of("prod", m.scalar("six", 6f)), "y").output("y");
        ModelRewriter.Result r = ModelRewriter.rewrite(m.build());

        assertThat(r.skipped()).isEqualTo("nothing to rewrite");
    }

    @Test
    void hardSwishWrittenAsTimesASixthInTheOtherOrderIsFusedToo() throws Exception {
        TinyModel m = new TinyModel().input("x", SHAPE);
        m.node("Add", List.of(m.scalar("three", 3f), "x"), "plus3");
        m.node("Clip", List.of("plus3", m.scalar("lo", 0f), m.scalar("hi", 6f)), "clipped");
        m.node("Mul", List.of("clipped", m.scalar("sixth", 1f / 6)), "gate");
        m.node("Mul", List.of("gate", "x"), "y").output("y");
        byte[] model = m.build();
        ModelRewriter.Result r = ModelRewriter.rewrite(model);

        assertThat(TinyModel.ops(r.model())).containsExactly("HardSigmoid", "Mul");
        assertThat(rewrittenDiff(model, r.model())).isLessThan(1e-5);
    }

    @Test
    void bytesThatAreNotAModelComeBackUnchangedWithTheReason() {
        byte[] junk = "not an onnx model at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ModelRewriter.Result r = ModelRewriter.rewrite(junk);

        assertThat(r.model()).isSameAs(junk);
        assertThat(r.skipped()).startsWith("not a readable ONNX model");
        assertThat(r.total()).isZero();
    }
}
