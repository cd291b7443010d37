package dev.lector.onnx;

import static dev.lector.testing.TextRenderer.Placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lector.backend.InferenceException;
import dev.lector.backend.ModelSource;
import dev.lector.image.ImageDecoder;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import dev.lector.image.PageRange;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real embedded PP-OCRv4 models on text rendered with Java2D. */
class EndToEndTest {

    private static OcrEngine engine;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 40);

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
        engine.close(); // idempotent
    }

    /**
     * Line texts without spaces: the PP-OCRv4 Chinese+English recogniser often leaves out the
     * space between English words (PaddleOCR gives the same), so tests compare the letters.
     */
    private static List<String> texts(Page r) {
        return r.lines().stream().map(l -> squeeze(l.text())).toList();
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static List<String> squeezed(String... s) {
        return java.util.Arrays.stream(s).map(EndToEndTest::squeeze).toList();
    }

    @Test
    void readsEnglishLinesInOrder() {
        PageImage page = TextRenderer.page(900, 260, FONT,
                new Placed("Order number 4711", 40, 70), new Placed("Total due: 129.50 EUR", 40, 170));
        Page r = engine.process(page, OcrOptions.DEFAULT);
        assertThat(texts(r)).containsExactlyElementsOf(squeezed("Order number 4711", "Total due: 129.50 EUR"));
        // two lines a line height and more apart: two blocks, separated by a blank line
        assertThat(r.blocks()).hasSize(2);
        assertThat(squeeze(r.text().replace("\n", "|"))).isEqualTo("Ordernumber4711||Totaldue:129.50EUR");
        assertThat(r.lines()).allSatisfy(l -> assertThat(l.score()).isGreaterThan(0.8));
        Line first = r.lines().getFirst();
        assertThat(first.box().minY()).isLessThan(r.lines().get(1).box().minY());
        assertThat(first.box().minX()).isBetween(20.0, 60.0);
    }

    @Test
    void readsChinese() {
        Font cjk = TextRenderer.font(true, 44);
        assumeThat(cjk).as("a CJK font on this machine").isNotNull();
        PageImage page = TextRenderer.page(800, 140, cjk, new Placed("中文识别测试", 40, 90));
        assertThat(texts(engine.process(page, OcrOptions.DEFAULT))).containsExactly("中文识别测试");
    }

    @Test
    void keepsTheFullStopsAndCommasAtTheEndsOfChineseLines() {
        Font cjk = TextRenderer.font(true, 40);
        assumeThat(cjk).as("a CJK font on this machine").isNotNull();
        String[] lines = {"设定网络超时。", "关闭系统，同时切断电源。", "如果有疑义，使用括号，"};
        for (String text : lines) {
            PageImage page = TextRenderer.page(40 * text.length() + 80, 90, cjk, new Placed(text, 40, 60));
            Page p = engine.process(page, OcrOptions.DEFAULT);
            assertThat(texts(p)).as(text).containsExactly(text);
            // the line's box reaches over the final mark, which lies in the last of the line's cells
            assertThat(p.lines().getFirst().box().maxX()).as(text).isGreaterThan(40 + 40 * (text.length() - 1) + 4);
        }
    }

    @Test
    void turnsAnUpsideDownLineWithTheClassifier() {
        PageImage page = TextRenderer.page(900, 260, FONT,
                new Placed("Reading order matters", 40, 70), new Placed("Upside down line 42", 40, 190, true));
        Page withCls = engine.process(page, OcrOptions.DEFAULT);
        assertThat(texts(withCls)).containsExactlyElementsOf(squeezed("Reading order matters", "Upside down line 42"));
        Line turned = withCls.lines().stream().filter(l -> squeeze(l.text()).equals("Upsidedownline42")).findFirst().orElseThrow();
        assertThat(turned.orientation()).isEqualTo(180);
        // its corners start at the text's own top-left, which is at the bottom right on the page
        assertThat(turned.box().topLeft().x()).isGreaterThan(turned.box().topRight().x());

        Page noCls = engine.process(page, OcrOptions.DEFAULT.withClassify(false));
        assertThat(texts(noCls)).doesNotContain("Upsidedownline42");
    }

    @Test
    void readsTheLeftColumnBeforeTheRightOne() {
        Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 30);
        String[] left = {"The quick brown fox", "jumps over the lazy", "dog in the morning", "and runs far away"};
        String[] right = {"Second column text", "continues down here", "with several lines", "until the very end"};
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            placed.add(new Placed(left[i], 30, 60 + i * 50));
            placed.add(new Placed(right[i], 460, 60 + i * 50));
        }
        PageImage page = TextRenderer.page(860, 280, f, placed.toArray(Placed[]::new));
        List<String> expected = new ArrayList<>(squeezed(left));
        expected.addAll(squeezed(right));
        assertThat(texts(engine.process(page, OcrOptions.DEFAULT))).containsExactlyElementsOf(expected);
    }

    @Test
    void manyThreadsAtOnceGetTheirOwnResults() throws Exception {
        List<String> words = List.of("alpha 1", "bravo 22", "charlie 333", "delta 4444", "echo 55555", "foxtrot 6");
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Page>> futures = new ArrayList<>();
            for (String w : words) {
                PageImage p = TextRenderer.page(600, 120, FONT, new Placed(w, 30, 75));
                futures.add(pool.submit(() -> engine.process(p, OcrOptions.DEFAULT)));
            }
            for (int i = 0; i < words.size(); i++) {
                assertThat(squeeze(futures.get(i).get().text())).isEqualTo(squeeze(words.get(i)));
            }
        }
    }

    @Test
    void readsPngBytesAndAPdf() throws Exception {
        var img = TextRenderer.render(700, 120, FONT, new Placed("Bytes in, text out", 30, 75));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        assertThat(engine.read(png.toByteArray(), PageRange.ALL, OcrOptions.DEFAULT).pages())
                .extracting(r -> squeeze(r.text())).containsExactly("Bytesin,textout");

        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new ByteArrayOutputStream()) {
            for (String text : List.of("First page here", "Second page there")) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 24);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
            }
            doc.save(out);
            List<Page> pages = engine.read(out.toByteArray(), PageRange.ALL, OcrOptions.DEFAULT).pages();
            assertThat(pages).extracting(r -> squeeze(r.text())).containsExactly("Firstpagehere", "Secondpagethere");
            // US Letter at 200 dpi: PDFBox renders floor(612 * 200 / 72) = 1699 px
            assertThat(pages.getFirst().width()).isEqualTo(1699);
        }
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> engine.read(new byte[0], PageRange.ALL, OcrOptions.DEFAULT).pages())
                .isInstanceOf(InputException.class).extracting(e -> ((InputException) e).reason())
                .isEqualTo(InputException.Reason.EMPTY);
        assertThatThrownBy(() -> engine.read("hello, not an image".getBytes(), PageRange.ALL, OcrOptions.DEFAULT))
                .isInstanceOf(InputException.class).extracting(e -> ((InputException) e).reason())
                .isEqualTo(InputException.Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void aDictionaryThatDoesNotFitTheModelIsALoadError(@TempDir Path dir) throws Exception {
        Path dict = dir.resolve("small_dict.txt");
        Files.writeString(dict, "a\nb\nc\n");
        EngineConfig config = EngineConfig.defaults().withWarmUp(false)
                .withModels(EngineConfig.defaults().models().withDictionary(new ModelSource.File(dict)));
        assertThatThrownBy(() -> OcrEngine.open(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small_dict.txt").hasMessageContaining("3 characters").hasMessageContaining("6625");
    }

    @Test
    void aMissingModelFileIsALoadError(@TempDir Path dir) {
        EngineConfig config = EngineConfig.defaults().withWarmUp(false)
                .withModels(EngineConfig.defaults().models().withDet(new ModelSource.File(dir.resolve("nope.onnx"))));
        assertThatThrownBy(() -> OcrEngine.open(config)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("nope.onnx");
    }

    @Test
    void modelsLoadFromPathsToo(@TempDir Path dir) throws Exception {
        var embedded = EngineConfig.defaults().models();
        Path det = dir.resolve("det.onnx"), rec = dir.resolve("rec.onnx"), dict = dir.resolve("keys.txt");
        Files.write(det, embedded.det().readAllBytes());
        Files.write(rec, embedded.rec().readAllBytes());
        Files.write(dict, embedded.dictionary().readAllBytes());
        EngineConfig config = EngineConfig.defaults().withWarmUp(false).withWorkers(1).withModels(
                new dev.lector.pipeline.ModelSet(new ModelSource.File(det), new ModelSource.File(rec), null,
                        new ModelSource.File(dict)));
        try (OcrEngine fromFiles = OcrEngine.open(config)) {
            assertThat(fromFiles.info().models()).extracting(m -> m.name()).contains("det.onnx", "rec.onnx");
            PageImage page = ImageDecoder.fromBufferedImage(TextRenderer.render(600, 120, FONT, new Placed("From a path", 30, 75)));
            assertThat(squeeze(fromFiles.process(page, OcrOptions.DEFAULT).text())).isEqualTo("Fromapath");
        }
    }

    @Test
    void theRecogniserRunsInInt8OnTheCpuAndReadsLikeTheFloatOne() {
        assertThat(engine.info().models()).filteredOn(m -> m.role().equals("rec")).extracting(m -> m.precision())
                .containsExactly("int8");
        assertThat(engine.info().models()).filteredOn(m -> m.role().equals("det")).extracting(m -> m.precision())
                .containsExactly("fp32");
        PageImage page = ImageDecoder.fromBufferedImage(TextRenderer.render(900, 260, FONT,
                new Placed("Invoice 2024-117 total 86.40", 30, 80), new Placed("Quantised or not", 30, 190)));
        try (OcrEngine float32 = OcrEngine.open(EngineConfig.defaults().withWarmUp(false).withWorkers(1).withInt8Recognition(false))) {
            assertThat(float32.info().models()).filteredOn(m -> m.role().equals("rec")).extracting(m -> m.precision())
                    .containsExactly("fp32");
            assertThat(texts(engine.process(page, OcrOptions.DEFAULT)))
                    .containsExactly("Invoice2024-117total86.40", "Quantisedornot")
                    .isEqualTo(texts(float32.process(page, OcrOptions.DEFAULT)));
        }
    }

    @Test
    void aRecogniserThatInt8WouldBreakRunsInFloat() {
        // PP-OCRv3 rec (shipped in the same artifact) agrees with itself on ~75% of time steps in
        // INT8 and then reads nothing: the load-time check keeps it in float
        EngineConfig config = EngineConfig.defaults().withWarmUp(false).withWorkers(1).withModels(
                EngineConfig.defaults().models().withRec(new ModelSource.Classpath("models/ch_PP-OCRv3_rec_infer.onnx")));
        try (OcrEngine v3 = OcrEngine.open(config)) {
            assertThat(v3.info().models()).filteredOn(m -> m.role().equals("rec")).extracting(m -> m.precision())
                    .containsExactly("fp32");
            PageImage page = ImageDecoder.fromBufferedImage(TextRenderer.render(600, 120, FONT, new Placed("Version three", 30, 75)));
            assertThat(squeeze(v3.process(page, OcrOptions.DEFAULT).text())).isEqualTo("Versionthree");
        }
    }
}
