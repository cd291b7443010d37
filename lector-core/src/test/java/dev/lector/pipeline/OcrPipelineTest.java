package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import dev.lector.testing.FakeStages;
import dev.lector.testing.FakeStages.FakeLine;
import dev.lector.testing.FakeStages.FakePage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline's own logic with fake stages and no model: corner order, un-padding, rotation
 * undo, page orientation, drop score, words and blocks (see {@link FakeStages}).
 */
class OcrPipelineTest {

    private static final FakeLine[] LETTER = {
        new FakeLine("Dear reader", 60, 60, 330, 40),
        new FakeLine("this is a letter", 60, 120, 480, 40),
        new FakeLine("with three lines", 60, 180, 480, 40),
        new FakeLine("A", 60, 240, 36, 40),
    };

    private static Page read(FakePage page, OcrOptions options) {
        FakeStages fakes = FakeStages.of(page);
        try (OcrEngine engine = EngineFactory.fromStages(EngineConfig.defaults(), fakes.detector(), fakes.classifier(),
                fakes.recognizer(), null)) {
            return engine.process(page.image(), options);
        }
    }

    private static void assertNear(Quad actual, Quad expected, double tolerance) {
        for (int k = 0; k < 4; k++) {
            Point a = actual.corners().get(k), e = expected.corners().get(k);
            assertThat(a.x()).as("corner %d x", k).isCloseTo(e.x(), within(tolerance));
            assertThat(a.y()).as("corner %d y", k).isCloseTo(e.y(), within(tolerance));
        }
    }

    @ParameterizedTest(name = "page turned {0} degrees")
    @ValueSource(ints = {0, 90, 180, 270})
    void turnedPagesAreReadUprightWithBoxesInTheStoredImage(int turn) {
        FakePage page = FakeStages.draw(800, 600, turn, LETTER);
        Page p = read(page, OcrOptions.DEFAULT);

        assertThat(p.rotation()).isEqualTo(turn);
        assertThat(p.width()).isEqualTo(page.image().width());
        assertThat(p.lines()).extracting(Line::text)
                .containsExactly("Dear reader", "this is a letter", "with three lines", "A");
        for (int i = 0; i < 4; i++) {
            Line line = p.lines().get(i);
            assertThat(line.orientation()).isEqualTo(turn);
            // corners clockwise from the text's own top-left, in the stored (turned) image
            assertNear(line.box(), page.textBox(i), 1.5);
        }
        assertThat(p.skew()).isCloseTo(0, within(0.5));
    }

    @Test
    void withoutPageOrientationAShortLineOnATurnedPageIsMisreadAndDropped() {
        FakePage page = FakeStages.draw(800, 600, 90, LETTER);
        Page p = read(page, OcrOptions.DEFAULT.withPageOrientation(false));
        assertThat(p.rotation()).isZero();
        // the square box of "A" cannot tell vertical from horizontal; alone it is read sideways
        assertThat(p.lines()).extracting(Line::text).containsExactly("Dear reader", "this is a letter", "with three lines");
    }

    @Test
    void aClassifierSlipOnOneLineFollowsThePage() {
        FakePage page = FakeStages.draw(800, 600, 0, LETTER);
        FakeStages fakes = FakeStages.of(page);
        for (boolean pageOrientation : new boolean[] {true, false}) {
            try (OcrEngine engine = EngineFactory.fromStages(EngineConfig.defaults(), fakes.detector(),
                    fakes.classifierSlippingOn(List.of("this is a letter")), fakes.recognizer(), null)) {
                Page p = engine.process(page.image(), OcrOptions.DEFAULT.withPageOrientation(pageOrientation));
                List<String> texts = p.lines().stream().map(Line::text).toList();
                if (pageOrientation) {
                    // three lines vote upright: the slipped line is read upright too
                    assertThat(texts).containsExactly("Dear reader", "this is a letter", "with three lines", "A");
                } else {
                    assertThat(texts).containsExactly("Dear reader", "with three lines", "A");
                }
            }
        }
    }

    /** The classifier gets the lines in chunks of its batch size while the rest are cut: each answer stays with its line. */
    @Test
    void onAPageOfMoreLinesThanOneClassifierBatchEachAnswerStaysWithItsLine() {
        FakeLine[] lines = new FakeLine[9];
        for (int i = 0; i < lines.length; i++) lines[i] = new FakeLine("line number " + (char) ('a' + i), 40, 30 + 60 * i, 420, 40);
        FakePage page = FakeStages.draw(600, 600, 0, lines);
        FakeStages fakes = FakeStages.of(page);
        assertThat(EngineConfig.defaults().clsPolicy().maxBatch()).isLessThan(lines.length);
        try (OcrEngine engine = EngineFactory.fromStages(EngineConfig.defaults(), fakes.detector(),
                fakes.classifierSlippingOn(List.of("line number b", "line number h")), fakes.recognizer(), null)) {
            Page p = engine.process(page.image(), OcrOptions.DEFAULT.withPageOrientation(false));
            assertThat(p.lines()).extracting(Line::text).containsExactly("line number a", "line number c", "line number d",
                    "line number e", "line number f", "line number g", "line number i");
        }
    }

    /**
     * With page orientation on, lines are classified heaviest first until the page's direction is
     * settled; the rest follow the page and read as they would after their own call.
     */
    @ParameterizedTest(name = "page turned {0} degrees")
    @ValueSource(ints = {0, 180})
    void onceThePageIsSettledTheRemainingLinesFollowItWithoutTheClassifier(int turn) {
        FakeLine[] lines = new FakeLine[12];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new FakeLine("line " + (char) ('a' + i), 20, 20 + 48 * i, i < 4 ? 540 : 60 + 10 * i, 32);
        }
        FakePage page = FakeStages.draw(600, 600, turn, lines);
        FakeStages fakes = FakeStages.of(page);
        java.util.concurrent.atomic.AtomicInteger classified = new java.util.concurrent.atomic.AtomicInteger();
        dev.lector.classify.OrientationClassifier counting = crops -> {
            classified.addAndGet(crops.size());
            return fakes.classifier().classify(crops);
        };
        EngineConfig config = EngineConfig.defaults().withClsPolicy(dev.lector.batch.BatchPolicy.of(2, 0, 2));
        List<String> expected = java.util.Arrays.stream(lines).map(FakeLine::text).toList();
        for (boolean pageOrientation : new boolean[] {true, false}) {
            classified.set(0);
            try (OcrEngine engine = EngineFactory.fromStages(config, fakes.detector(), counting, fakes.recognizer(), null)) {
                Page p = engine.process(page.image(), OcrOptions.DEFAULT.withPageOrientation(pageOrientation));
                assertThat(p.lines()).extracting(Line::text).containsExactlyElementsOf(expected);
                assertThat(p.rotation()).isEqualTo(pageOrientation ? turn : 0);
                if (pageOrientation) {
                    // the four long lines outweigh all the others: the first round of two batches settles the page
                    assertThat(classified.get()).isEqualTo(4);
                } else {
                    assertThat(classified.get()).isEqualTo(lines.length);
                }
            }
        }
    }

    @Test
    void smallPagesArePaddedForTheDetectorButBoxesComeBackInPageCoordinates() {
        FakePage page = FakeStages.draw(400, 60, 0, new FakeLine("tight", 0, 10, 400, 40));
        Page p = read(page, OcrOptions.DEFAULT);
        assertThat(p.detector().pad()).isEqualTo(OcrOptions.DEFAULT_PAD_PX);
        assertNear(p.lines().getFirst().box(), Quad.ofRect(0, 10, 400, 40), 1.5);
    }

    @Test
    void linesScoringBelowTheDropScoreAreLeftOut() {
        FakePage page = FakeStages.draw(800, 400, 0, new FakeLine("kept", 60, 60, 300, 40),
                new FakeLine("doubtful", 60, 120, 300, 40, 0.4));
        assertThat(read(page, OcrOptions.DEFAULT).lines()).extracting(Line::text).containsExactly("kept");
        assertThat(read(page, OcrOptions.DEFAULT.withDropScore(0.3)).lines()).extracting(Line::text)
                .containsExactly("kept", "doubtful");
    }

    @ParameterizedTest(name = "page turned {0} degrees")
    @ValueSource(ints = {0, 90, 180, 270})
    void wordsLieInsideTheirLineAndSplitWhereTheSpacesAre(int turn) {
        FakePage page = FakeStages.draw(800, 600, turn, new FakeLine("one two three", 100, 100, 520, 40),
                new FakeLine("第二行", 100, 200, 120, 40), new FakeLine("line", 100, 300, 200, 40));
        Page p = read(page, OcrOptions.DEFAULT);
        Line latin = p.lines().getFirst();
        assertThat(latin.words()).extracting(Word::text).containsExactly("one", "two", "three");
        Line cjk = p.lines().get(1);
        assertThat(cjk.words()).extracting(Word::text).containsExactly("第", "二", "行");
        for (Line line : p.lines()) {
            for (Word w : line.words()) {
                for (Point c : w.box().corners()) {
                    double along = line.box().alongTop(c);
                    assertThat(along).as("%s inside %s along the text", w.text(), line.text()).isBetween(-1e-6, 1 + 1e-6);
                }
            }
        }
        // "one" is 3 of 13 evenly spread characters: it starts at the line's start and ends about 3/13 along
        Word one = latin.words().getFirst();
        assertThat(latin.box().alongTop(one.box().topLeft())).isCloseTo(0, within(0.03));
        assertThat(latin.box().alongTop(one.box().topRight())).isCloseTo(3.0 / 13, within(0.04));
        Word three = latin.words().get(2);
        assertThat(latin.box().alongTop(three.box().topRight())).isCloseTo(1, within(0.03));
        // each word's box starts at the text's own top-left like its line's
        assertThat(one.box().topLeft().distanceTo(latin.box().topLeft())).isLessThan(15);
    }

    @Test
    void blocksFollowGapsHeadingsAndTables() {
        FakePage page = FakeStages.draw(900, 900, 0,
                new FakeLine("Title", 60, 40, 300, 70),
                new FakeLine("first line of text", 60, 150, 700, 40),
                new FakeLine("second line of text", 60, 200, 700, 40),
                new FakeLine("name", 60, 400, 150, 40), new FakeLine("value", 500, 400, 150, 40),
                new FakeLine("other", 60, 450, 150, 40), new FakeLine("12.00", 500, 450, 150, 40));
        Page p = read(page, OcrOptions.DEFAULT);
        assertThat(p.blocks()).extracting(b -> b.kind()).containsExactly(BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE);
        assertThat(p.blocks().get(2).lines()).containsExactly(3, 4, 5, 6);
        assertThat(p.linesOf(p.blocks().get(2))).extracting(Line::text).containsExactly("name", "value", "other", "12.00");
        assertThat(p.text()).isEqualTo("Title\n\nfirst line of text\nsecond line of text\n\nname\nvalue\nother\n12.00");
        // a block's box holds its lines
        Quad table = p.blocks().get(2).box();
        assertThat(table.minX()).isCloseTo(60, within(2.0));
        assertThat(table.maxX()).isCloseTo(650, within(2.0));
        assertThat(table.minY()).isCloseTo(400, within(2.0));
        assertThat(table.maxY()).isCloseTo(490, within(2.0));
    }

    @Test
    void skewIsMeasuredAlongTheLines() {
        // a page whose boxes slope 3 degrees: the fake detector returns them as drawn
        FakePage flat = FakeStages.draw(900, 600, 0, LETTER);
        double a = Math.toRadians(3);
        List<Quad> sloped = flat.boxes().stream().map(q -> rotate(q, a, 450, 300)).toList();
        FakePage page = new FakePage(flat.image(), flat.lines(), sloped, 0);
        FakeStages fakes = FakeStages.of(page);
        // the crops of the sloped boxes are still read (the recogniser only needs the gradient)
        try (OcrEngine engine = EngineFactory.fromStages(EngineConfig.defaults(), fakes.detector(), fakes.classifier(),
                fakes.recognizer(), null)) {
            Page p = engine.process(page.image(), OcrOptions.DEFAULT);
            assertThat(p.skew()).isCloseTo(3, within(0.2));
            assertThat(p.rotation()).isZero();
        }
    }

    private static Quad rotate(Quad q, double angle, double cx, double cy) {
        double cos = Math.cos(angle), sin = Math.sin(angle);
        java.util.function.UnaryOperator<Point> r = p -> new Point(cx + (p.x() - cx) * cos - (p.y() - cy) * sin,
                cy + (p.x() - cx) * sin + (p.y() - cy) * cos);
        return new Quad(r.apply(q.topLeft()), r.apply(q.topRight()), r.apply(q.bottomRight()), r.apply(q.bottomLeft()));
    }
}
