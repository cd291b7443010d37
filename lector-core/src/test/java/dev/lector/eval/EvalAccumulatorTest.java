package dev.lector.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import dev.lector.result.StageTimings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalAccumulatorTest {

    private static GroundTruthLine gt(String text, Quad box, boolean ignore) {
        return new GroundTruthLine(text, box.corners(), ignore);
    }

    private static Line pred(String text, Quad box) {
        return new Line(text, 0.9, box, 0);
    }

    /** Image 1: both lines found, one misread; a junk prediction over the ignored region. */
    private static final LabelledImage ONE = new LabelledImage(Path.of("one.png"), 400, 200, List.of(
            gt("HELLO", Quad.ofRect(0, 0, 100, 20), false),
            gt("WORLD", Quad.ofRect(0, 30, 100, 20), false),
            gt("###", Quad.ofRect(200, 0, 50, 50), true)), Map.of());
    private static final List<Line> ONE_PRED = List.of(
            pred("Hello", Quad.ofRect(0, 0, 100, 20)),
            pred("W0RLD", Quad.ofRect(1, 30, 100, 20)),
            pred("junk", Quad.ofRect(205, 5, 40, 40)));

    /** Image 2: one line found exactly, one missed, one false positive. */
    private static final LabelledImage TWO = new LabelledImage(Path.of("two.png"), 400, 200, List.of(
            gt("ABC", Quad.ofRect(0, 0, 60, 20), false),
            gt("DEF", Quad.ofRect(0, 40, 60, 20), false)), Map.of());
    private static final List<Line> TWO_PRED = List.of(
            pred("ABC", Quad.ofRect(0, 0, 60, 20)),
            pred("XYZ", Quad.ofRect(300, 150, 60, 20)));

    private static EvalReport twoImageReport() {
        EvalAccumulator acc = new EvalAccumulator(new DetectionMatcher(), true);
        ImageScore first = acc.add(ONE, ONE_PRED, 100, Map.of("detect", 40.0, "recognize", 50.0));
        assertThat(first.truePositives()).isEqualTo(2);
        assertThat(first.pageCer()).isCloseTo(0.1, within(1e-12));
        acc.add(TWO, TWO_PRED, 300, Map.of("detect", 60.0));
        return acc.report(0.5);
    }

    @Test
    void twoImagesGiveExactScores() {
        EvalReport r = twoImageReport();
        assertThat(r.images()).isEqualTo(2);
        assertThat(r.truePositives()).isEqualTo(3);
        assertThat(r.gtLines()).isEqualTo(4);
        assertThat(r.predLines()).isEqualTo(4); // "junk" over the ignored region is not counted
        assertThat(r.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(r.recall()).isCloseTo(0.75, within(1e-12));
        assertThat(r.hmean()).isCloseTo(0.75, within(1e-12));
        // lines: hello=hello (case ignored), world vs w0rld (CER 0.2), abc=abc
        assertThat(r.matchedLinesWithText()).isEqualTo(3);
        assertThat(r.lineExactMatch()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.meanLineCer()).isCloseTo(0.2 / 3, within(1e-12));
        // pages: "helloworld" vs "hellow0rld" (1 edit), "abcdef" vs "abcxyz" (3 edits): 4 / 16
        assertThat(r.imagesWithText()).isEqualTo(2);
        assertThat(r.pageCer()).isCloseTo(0.25, within(1e-12));
        // char bags: 9 of 10 and 3 of 6 shared, both ways
        assertThat(r.charPrecision()).isCloseTo(0.75, within(1e-12));
        assertThat(r.charRecall()).isCloseTo(0.75, within(1e-12));
        assertThat(r.charF1()).isCloseTo(0.75, within(1e-12));
        assertThat(r.imagesPerSecond()).isCloseTo(4.0, within(1e-12));
        assertThat(r.meanMsPerImage()).isCloseTo(200.0, within(1e-12));
        assertThat(r.meanStageMs()).containsEntry("detect", 50.0).containsEntry("recognize", 50.0);
    }

    @Test
    void pageTextFollowsThePredictedOrder() {
        EvalAccumulator acc = new EvalAccumulator(new DetectionMatcher(), false);
        acc.add(TWO, List.of(TWO_PRED.get(0), pred("DEF", Quad.ofRect(0, 40, 60, 20))), 1, Map.of());
        acc.add(TWO, List.of(pred("DEF", Quad.ofRect(0, 40, 60, 20)), TWO_PRED.get(0)), 1, Map.of());
        EvalReport r = acc.report(1);
        assertThat(r.pageCer()).isCloseTo(6.0 / 12, within(1e-12)); // "DEFABC" vs "ABCDEF": 6 edits
        assertThat(r.charF1()).isEqualTo(1.0);
        assertThat(r.lineExactMatch()).isEqualTo(1.0);
    }

    @Test
    void layoutReferenceOrderSortsTheGroundTruth() {
        // labelled column by column (like some SROIE receipts), read row by row
        LabelledImage receipt = new LabelledImage(Path.of("r.png"), 400, 200, List.of(
                gt("TOTAL", Quad.ofRect(10, 10, 60, 20), false), gt("CASH", Quad.ofRect(10, 40, 50, 20), false),
                gt("12.00", Quad.ofRect(300, 10, 50, 20), false), gt("20.00", Quad.ofRect(300, 40, 50, 20), false)), Map.of());
        List<Line> read = List.of(pred("TOTAL", Quad.ofRect(10, 10, 60, 20)), pred("12.00", Quad.ofRect(300, 10, 50, 20)),
                pred("CASH", Quad.ofRect(10, 40, 50, 20)), pred("20.00", Quad.ofRect(300, 40, 50, 20)));
        EvalAccumulator file = new EvalAccumulator(new DetectionMatcher(), false, ReferenceOrder.FILE);
        file.add(receipt, read, 1, Map.of());
        assertThat(file.report(1).pageCer()).isGreaterThan(0);
        EvalAccumulator layout = new EvalAccumulator(new DetectionMatcher(), false, ReferenceOrder.LAYOUT);
        layout.add(receipt, read, 1, Map.of());
        assertThat(layout.report(1).pageCer()).isZero();
    }

    @Test
    void detectionOnlyImagesAreLeftOutOfTextScores() {
        LabelledImage boxesOnly = new LabelledImage(Path.of("d.png"), 100, 100,
                List.of(gt(null, Quad.ofRect(0, 0, 50, 10), false)), Map.of());
        EvalAccumulator acc = new EvalAccumulator(new DetectionMatcher(), false);
        acc.add(boxesOnly, List.of(pred("anything", Quad.ofRect(0, 0, 50, 10))), 10, StageTimings.ZERO);
        EvalReport r = acc.report(0);
        assertThat(r.hmean()).isEqualTo(1.0);
        assertThat(r.imagesWithText()).isZero();
        assertThat(r.matchedLinesWithText()).isZero();
        assertThat(r.pageCer()).isNull();
        assertThat(r.lineExactMatch()).isNull();
        assertThat(r.charF1()).isNull();
        assertThat(r.imagesPerSecond()).isZero();
        assertThat(r.meanStageMs()).containsKeys("decode", "detect", "classify", "recognize", "total");
        assertThat(r.toText()).contains("n/a");
    }

    @Test
    void reportSerialisesWithSnakeCaseKeys() throws Exception {
        EvalReport r = twoImageReport();
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.get("page_cer").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(json.get("images_per_second").asDouble()).isCloseTo(4.0, within(1e-12));
        assertThat(json.get("line_exact_match").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(json.get("reference_order").asText()).isEqualTo("file");
        assertThat(json.get("mean_stage_ms").get("detect").asDouble()).isEqualTo(50.0);
        assertThat(json.has("char_f1")).isTrue();
        assertThat(r.toText()).contains("page CER", "0.2500", "det hmean", "4.00 images/s", "detect 50.0");
    }

    @Test
    void accumulatesFromTwoThreads() throws InterruptedException {
        EvalAccumulator acc = new EvalAccumulator(new DetectionMatcher(), true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    acc.add(ONE, ONE_PRED, 100, Map.of("detect", 40.0));
                    acc.add(TWO, TWO_PRED, 300, Map.of("detect", 60.0));
                }
            }));
        }
        for (Thread t : threads) t.join();
        EvalReport r = acc.report(10);
        assertThat(r.images()).isEqualTo(200);
        assertThat(r.truePositives()).isEqualTo(300);
        assertThat(r.pageCer()).isCloseTo(0.25, within(1e-12));
        assertThat(r.meanStageMs().get("detect")).isCloseTo(50.0, within(1e-9));
    }
}
