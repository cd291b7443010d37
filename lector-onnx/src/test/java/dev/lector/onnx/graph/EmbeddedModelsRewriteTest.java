package dev.lector.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.lector.backend.ModelSource;
import dev.lector.backend.Tensor;
import dev.lector.pipeline.ModelSet;
import dev.lector.recognize.CalibrationLines;
import dev.lector.recognize.Charset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rewrites on the real PP-OCR models: they apply, and the outputs do not move; and rec's INT8 quantisation. */
class EmbeddedModelsRewriteTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("det", ModelSet.EMBEDDED.det(), new long[] {1, 3, 96, 128}),
                Arguments.of("rec", ModelSet.EMBEDDED.rec(), new long[] {1, 3, 48, 160}),
                Arguments.of("cls", ModelSet.EMBEDDED.cls(), new long[] {1, 3, 48, 192}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void rewrittenModelGivesTheSameOutputWithFewerNodes(String name, ModelSource source, long[] shape) throws Exception {
        byte[] original = source.readAllBytes();
        ModelRewriter.Result r = ModelRewriter.rewrite(original);

        assertThat(r.skipped()).isNull();
        assertThat(r.applied().get("hardswish")).isPositive();
        assertThat(ModelProto.parseFrom(r.model()).getGraph().getNodeCount())
                .isLessThan(ModelProto.parseFrom(original).getGraph().getNodeCount());
        for (long seed = 1; seed <= 2; seed++) {
            float[] x = TinyModel.randomInput(seed, shape);
            // probabilities (det map, rec and cls softmax): equal to float rounding
            assertThat(TinyModel.maxAbsDiff(TinyModel.run(original, x, shape), TinyModel.run(r.model(), x, shape)))
                    .as("%s, input %d", name, seed).isLessThan(1e-4);
        }
    }

    @Test
    void theEmbeddedRecogniserHasItsPointwiseConvolutionsQuantised() throws Exception {
        List<Tensor> lines = CalibrationLines.renderWithSystemFonts(Charset.readDictionary(ModelSet.EMBEDDED.dictionary().readAllBytes()), 4, 1);
        assumeThat(lines).as("Java2D can draw text here").isNotEmpty();
        byte[] rewritten = ModelRewriter.rewrite(ModelSet.EMBEDDED.rec().readAllBytes()).model();

        PointwiseConvQuantizer.Result q = PointwiseConvQuantizer.quantize(rewritten, lines, 127);

        assertThat(q.skipped()).isNull();
        assertThat(q.quantized()).as("PP-OCRv4 rec's 1x1 convolutions").isEqualTo(21);
        // the hard-swishes after its quantised convolutions are one op each, at opset 14
        assertThat(TinyModel.ops(q.model()).stream().filter("HardSwish"::equals).count()).isEqualTo(14);
        assertThat(ModelProto.parseFrom(q.model()).getOpsetImport(0).getVersion()).isEqualTo(14);
        System.setProperty("lector.int8.hardSwish", "false");
        try {
            byte[] unfused = PointwiseConvQuantizer.quantize(rewritten, lines, 127).model();
            assertThat(TinyModel.ops(unfused)).doesNotContain("HardSwish");
            assertThat(ModelProto.parseFrom(unfused).getOpsetImport(0).getVersion()).isEqualTo(12);
        } finally {
            System.clearProperty("lector.int8.hardSwish");
        }
    }
}
