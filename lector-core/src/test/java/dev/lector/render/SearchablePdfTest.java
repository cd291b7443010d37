package dev.lector.render;

import static dev.lector.render.PdfReading.normalize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lector.geometry.Quad;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageLimits;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import dev.lector.image.PageRange;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

class SearchablePdfTest {

    static byte[] image(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(10, 10, 40, 20); // a mark at the top-left
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** An English page in three blocks, then Chinese with a character outside the BMP, and mixed text. */
    static Page mixedPage(int number, int w, int h) {
        return Docs.page(number, w, h,
                List.of(Docs.line("Searchable PDF test", 100, 80, 60, false)),
                List.of(Docs.line("The quick brown fox jumps", 100, 200, 40, false),
                        Docs.line("over the lazy dog: 42.00 EUR", 100, 260, 40, false)),
                List.of(Docs.line("中文字符测试𠀀", 100, 400, 50, true),
                        Docs.line("mixed 中文 text", 100, 480, 40, true)));
    }

    /** A page turned a quarter clockwise: its lines run top to bottom, the first at the right. */
    static Page turnedPage(int w, int h) {
        return Docs.page(1, w, h,
                List.of(Docs.vertical("A page turned ninety degrees", 1500, 100, 50)),
                List.of(Docs.vertical("reads from the right column", 1400, 100, 40),
                        Docs.vertical("to the left one, top to bottom", 1340, 100, 40)));
    }

    /** Two columns: the whole left column reads before the right one. */
    static Page twoColumnPage(int w, int h) {
        return Docs.page(1, w, h,
                List.of(Docs.line("Left column first line", 100, 100, 30, false),
                        Docs.line("left column second line", 100, 140, 30, false),
                        Docs.line("left column third line", 100, 180, 30, false)),
                List.of(Docs.line("Right column first line", 900, 100, 30, false),
                        Docs.line("right column second line", 900, 140, 30, false),
                        Docs.line("right column third line", 900, 180, 30, false)));
    }

    @Test
    void imagePdfReadsBackInReadingOrderWithBothExtractors() throws Exception {
        for (Page page : List.of(mixedPage(1, 1700, 1200), turnedPage(1700, 1200), twoColumnPage(1700, 1200))) {
            byte[] pdf = SearchablePdf.fromImage(image("png", 1700, 1200), Document.of(page), "scan.png");
            String expected = normalize(page.text());
            String pdfbox = PdfReading.pdfbox(pdf);
            if (page.lines().getFirst().orientation() == 0) assertThat(normalize(pdfbox)).isEqualTo(expected);
            // PDFBox's word-gap guess breaks some turned words apart (the glyph positions are right:
            // poppler reads them whole): there only the characters' order is checked
            else assertThat(pdfbox.replaceAll("\\s", "")).isEqualTo(expected.replaceAll("\\s", ""));
            if (PdfReading.hasPdftotext()) assertThat(normalize(PdfReading.pdftotext(pdf))).isEqualTo(expected);
        }
        PdfReading.assumePdftotext();
    }

    @Test
    void pdftotextFindsEachWordOnItsBox() throws Exception {
        PdfReading.assumePdftotext();
        Page page = mixedPage(1, 1700, 1200);
        byte[] pdf = SearchablePdf.fromImage(image("png", 1700, 1200), Document.of(page), "scan.png");
        List<PdfReading.BoxedWord> words = PdfReading.pdftotextWords(pdf, 1);
        double px = SearchablePdf.DEFAULT_DPI / 72; // no resolution in the file: 300 dpi
        List<Word> expected = new ArrayList<>();
        for (Line l : page.lines()) {
            if (l.orientation() != 0) continue;
            if (l.text().equals("中文字符测试𠀀")) expected.add(new Word(l.text(), 1, l.box())); // one word: no spaces
            else if (l.text().equals("mixed 中文 text")) {
                expected.add(l.words().get(0));
                expected.add(new Word("中文", 1, Quad.ofRect(l.words().get(1).box().minX(), l.box().minY(),
                        l.words().get(2).box().maxX() - l.words().get(1).box().minX(), l.box().height())));
                expected.add(l.words().get(3));
            }
            else expected.addAll(l.words());
        }
        for (Word w : expected) {
            PdfReading.BoxedWord found = words.stream().filter(b -> b.text().equals(w.text())).findFirst()
                    .orElseThrow(() -> new AssertionError("pdftotext has no word " + w.text() + " in " + words));
            assertThat(found.xMin() * px).as("%s left", w.text()).isCloseTo(w.box().minX(), within(3.0));
            assertThat(found.xMax() * px).as("%s right", w.text()).isCloseTo(w.box().maxX(), within(3.0));
            assertThat(found.yMin() * px).as("%s top", w.text()).isCloseTo(w.box().minY(), within(3.0));
            assertThat(found.yMax() * px).as("%s bottom", w.text()).isCloseTo(w.box().maxY(), within(3.0));
        }
    }

    /** A line of words each placed where given (text, left edge), {@code h} high at {@code top}; one space between words in the text. */
    static Line placedWords(double top, double h, Object... textAndX) {
        List<Word> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < textAndX.length; i += 2) {
            String t = (String) textAndX[i];
            double x = ((Number) textAndX[i + 1]).doubleValue();
            words.add(new Word(t, 0.9, Quad.ofRect(x, top, t.length() * h / 2, h)));
            text.append(i == 0 ? "" : " ").append(t);
        }
        Quad first = words.getFirst().box(), last = words.getLast().box();
        return new Line(text.toString(), 0.9, Quad.ofRect(first.minX(), top, last.maxX() - first.minX(), h), 0, words);
    }

    /**
     * A receipt: rows whose parts are separate lines far apart (the second part of some a little
     * higher than the first), a line with a wide gap inside it, a price column, rows of different
     * heights: poppler's own layout analysis would read the parts as columns.
     */
    static Page receiptPage() {
        return Docs.page(1, 1000, 1400,
                List.of(Docs.line("SANYU STATIONERY SHOP", 250, 60, 40, false)),
                List.of(Docs.line("Receipt #", 60, 160, 30, false), Docs.line("CS00119810", 640, 157, 30, false),
                        Docs.line("Date", 60, 200, 28, false), Docs.line("25/12/2018", 650, 198, 32, false),
                        placedWords(240, 30, "Cashier", 60, "ADMIN", 700),
                        Docs.line("SR: COFFEE O", 60, 300, 30, false), Docs.line("1", 520, 300, 30, false),
                        Docs.line("2.30", 650, 301, 30, false), Docs.line("2.30", 860, 299, 30, false),
                        Docs.line("SR: TEA", 60, 340, 30, false), Docs.line("2", 520, 340, 30, false),
                        Docs.line("2.40", 650, 340, 30, false), Docs.line("4.80", 860, 338, 30, false),
                        Docs.line("TOTAL", 60, 400, 36, false), Docs.line("7.10", 860, 402, 34, false)),
                List.of(Docs.line("Thank you, please come again", 160, 500, 30, false)));
    }

    @Test
    void pdftotextReadsAReceiptsRowsInTheDocumentsOrder() throws Exception {
        PdfReading.assumePdftotext();
        Page page = receiptPage();
        byte[] pdf = SearchablePdf.fromImage(image("png", 1000, 1400), Document.of(page), "receipt.png");
        String expected = normalize(page.text());
        assertThat(normalize(PdfReading.pdftotext(pdf))).as("pdftotext, default mode").isEqualTo(expected);
        assertThat(normalize(PdfReading.pdftotext(pdf, "-raw"))).as("pdftotext -raw").isEqualTo(expected);
        assertThat(normalize(PdfReading.pdfbox(pdf))).as("PDFBox").isEqualTo(expected);
        double px = SearchablePdf.DEFAULT_DPI / 72;
        List<PdfReading.BoxedWord> words = PdfReading.pdftotextWords(pdf, 1);
        assertThat(words).as("the only words besides the Document's are blank gap fillers")
                .filteredOn(b -> !b.text().isBlank()).hasSize((int) page.lines().stream().mapToLong(l -> l.words().size()).sum());
        for (Line l : page.lines()) assertOnTheirBoxes(l.words(), words, px);
    }

    /** Each word has a {@code pdftotext -bbox} word of its text within 3 px of its (upright) box; the nearest such counts. */
    static void assertOnTheirBoxes(List<Word> expected, List<PdfReading.BoxedWord> words, double px) {
        for (Word w : expected) {
            PdfReading.BoxedWord b = words.stream().filter(x -> x.text().equals(w.text()))
                    .min(java.util.Comparator.comparingDouble(x -> Math.abs(x.xMin() * px - w.box().minX()) + Math.abs(x.yMin() * px - w.box().minY())))
                    .orElseThrow(() -> new AssertionError("pdftotext has no word " + w.text() + " in " + words));
            assertThat(b.xMin() * px).as("%s left", w.text()).isCloseTo(w.box().minX(), within(3.0));
            assertThat(b.xMax() * px).as("%s right", w.text()).isCloseTo(w.box().maxX(), within(3.0));
            assertThat(b.yMin() * px).as("%s top", w.text()).isCloseTo(w.box().minY(), within(3.0));
            assertThat(b.yMax() * px).as("%s bottom", w.text()).isCloseTo(w.box().maxY(), within(3.0));
        }
    }

    /** {@code page} as scanned turned {@code degrees} anticlockwise about its centre (its lines then rise to the right). */
    static Page skewed(Page page, double degrees) {
        double a = Math.toRadians(-degrees), cos = Math.cos(a), sin = Math.sin(a), cx = page.width() / 2.0, cy = page.height() / 2.0;
        java.util.function.UnaryOperator<Quad> turn = q -> {
            dev.lector.geometry.Point[] c = {q.topLeft(), q.topRight(), q.bottomRight(), q.bottomLeft()};
            dev.lector.geometry.Point[] t = new dev.lector.geometry.Point[4];
            for (int i = 0; i < 4; i++) {
                double x = c[i].x() - cx, y = c[i].y() - cy;
                t[i] = new dev.lector.geometry.Point(cx + x * cos - y * sin, cy + x * sin + y * cos);
            }
            return new Quad(t[0], t[1], t[2], t[3]);
        };
        List<Line> lines = page.lines().stream().map(l -> new Line(l.text(), l.score(), turn.apply(l.box()), l.orientation(),
                l.words().stream().map(w -> new Word(w.text(), w.score(), turn.apply(w.box()))).toList())).toList();
        return new Page(page.number(), page.width(), page.height(), 0, degrees, lines, page.blocks(), null, null, null);
    }

    @Test
    void skewedScanReadsInOrderWithEachWordOnItsUprightBox() throws Exception {
        PdfReading.assumePdftotext();
        Page flat = Docs.page(1, 1400, 1000,
                List.of(Docs.line("A skewed scan", 100, 100, 50, false)),
                List.of(Docs.line("lines that rise to the right", 100, 220, 36, false),
                        Docs.line("one under the other, read", 100, 270, 36, false),
                        Docs.line("Subtotal", 100, 360, 36, false), Docs.line("12.50", 900, 360, 36, false)),
                List.of(Docs.line("中文字符测试", 100, 460, 44, true)));
        Page page = skewed(flat, 3);
        byte[] pdf = SearchablePdf.fromImage(image("png", 1400, 1000), Document.of(page), "skewed.png");
        String expected = normalize(page.text());
        assertThat(normalize(PdfReading.pdftotext(pdf))).as("pdftotext, default mode").isEqualTo(expected);
        assertThat(normalize(PdfReading.pdfbox(pdf)).replace(" ", "")).as("PDFBox").isEqualTo(expected.replace(" ", ""));
        double px = SearchablePdf.DEFAULT_DPI / 72;
        List<PdfReading.BoxedWord> words = PdfReading.pdftotextWords(pdf, 1);
        for (Line l : page.lines()) {
            if (l.text().equals("中文字符测试")) {
                // its characters are words of the Document but one word of poppler's, which takes the
                // height of a word from its first character: the first character's top and bottom, the line's ends
                Quad first = l.words().getFirst().box();
                Quad run = Quad.ofRect(l.box().minX(), first.minY(), l.box().maxX() - l.box().minX(), first.maxY() - first.minY());
                assertOnTheirBoxes(List.of(new Word(l.text(), 1, run)), words, px);
            } else {
                assertOnTheirBoxes(l.words(), words, px);
            }
        }
    }

    @Test
    void jpegIsEmbeddedAsItsOwnBytesAndSizedFromItsDensity() throws Exception {
        byte[] jpeg = withJfifDensity(image("jpg", 1200, 900), 150);
        Page page = Docs.page(1, 1200, 900, List.of(Docs.line("hello world", 50, 50, 40, false)));
        byte[] pdf = SearchablePdf.fromImage(jpeg, Document.of(page), "photo.jpg");
        try (PDDocument d = Loader.loadPDF(pdf)) {
            PDPage p = d.getPage(0);
            assertThat(p.getMediaBox().getWidth()).isCloseTo(1200 * 72 / 150f, within(0.01f));
            assertThat(p.getMediaBox().getHeight()).isCloseTo(900 * 72 / 150f, within(0.01f));
            PDImageXObject img = (PDImageXObject) p.getResources().getXObject(p.getResources().getXObjectNames().iterator().next());
            assertThat(img.getCOSObject().getItem(COSName.FILTER)).isEqualTo(COSName.DCT_DECODE);
            try (var raw = img.getCOSObject().createRawInputStream()) {
                assertThat(raw.readAllBytes()).isEqualTo(jpeg);
            }
            assertThat(d.getDocumentInformation().getProducer()).startsWith("Lector ");
            assertThat(d.getDocumentInformation().getTitle()).isEqualTo("photo");
        }
        assertThat((double) pdf.length).isLessThanOrEqualTo(1.1 * jpeg.length + 100_000);
    }

    @Test
    void exifOrientationTurnsTheJpegOnThePage() throws Exception {
        byte[] jpeg = withExifOrientation(image("jpg", 300, 200), 6); // shown turned a quarter clockwise: 200 x 300
        Page page = Docs.page(1, 200, 300, List.of(Docs.line("ab", 20, 100, 20, false)));
        byte[] pdf = SearchablePdf.fromImage(jpeg, Document.of(page), "turned.jpg");
        try (PDDocument d = Loader.loadPDF(pdf)) {
            assertThat(d.getPage(0).getMediaBox().getWidth()).isCloseTo(200 * 72 / 300f, within(0.01f));
            BufferedImage shown = new org.apache.pdfbox.rendering.PDFRenderer(d).renderImageWithDPI(0, 300);
            // the raw image's mark at its top-left (10..50, 10..30) shows at the top-right
            assertThat(shown.getRGB(200 - 20, 30) & 0xFF).isLessThan(80);
            assertThat(shown.getRGB(20, 30) & 0xFF).isGreaterThan(180);
        }
    }

    @Test
    void multiPageTiffGivesOnePdfPageEach() throws Exception {
        java.awt.image.BufferedImage[] images = new java.awt.image.BufferedImage[3];
        for (int i = 0; i < 3; i++) images[i] = ImageIO.read(new java.io.ByteArrayInputStream(image("png", 400 + i * 100, 300)));
        byte[] tiff = dev.lector.testing.TextRenderer.tiff(images);
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < 3; i++) pages.add(Docs.page(i + 1, 400 + i * 100, 300, List.of(Docs.line("page " + (i + 1), 20, 100, 30, false))));
        byte[] pdf = SearchablePdf.fromImage(tiff, new Document(pages), "pages.tif");
        try (PDDocument d = Loader.loadPDF(pdf)) {
            assertThat(d.getNumberOfPages()).isEqualTo(3);
            assertThat(d.getPage(2).getMediaBox().getWidth()).isCloseTo(600 * 72 / 300f, within(0.01f));
        }
        for (int i = 1; i <= 3; i++) assertThat(normalize(PdfReading.pdfbox(pdf, i))).isEqualTo("page " + i);
    }

    // ---- PDF in

    /** Page 1: an image only; page 2: real text; page 3: an image, turned 90 degrees, with an offset crop box. */
    static byte[] inputPdf() throws IOException {
        try (PDDocument d = new PDDocument()) {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(image("png", 600, 800)));
            PDPage p1 = new PDPage(PDRectangle.A4);
            d.addPage(p1);
            PDImageXObject x = LosslessFactory.createFromImage(d, img);
            try (PDPageContentStream cs = new PDPageContentStream(d, p1)) {
                cs.drawImage(x, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            PDPage p2 = new PDPage(PDRectangle.A4);
            d.addPage(p2);
            try (PDPageContentStream cs = new PDPageContentStream(d, p2)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("Already searchable text");
                cs.endText();
            }
            PDPage p3 = new PDPage(PDRectangle.A4);
            p3.setCropBox(new PDRectangle(30, 40, 500, 700));
            p3.setRotation(90);
            d.addPage(p3);
            try (PDPageContentStream cs = new PDPageContentStream(d, p3)) {
                cs.transform(new org.apache.pdfbox.util.Matrix(2, 0, 0, 2, 0, 0)); // leaves the CTM changed
                cs.drawImage(x, 0, 0, 200, 300);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            return out.toByteArray();
        }
    }

    private static List<byte[]> rawStreams(byte[] pdf, int pageIndex) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (PDDocument d = Loader.loadPDF(pdf)) {
            PDPage p = d.getPage(pageIndex);
            var it = p.getContentStreams();
            while (it.hasNext()) {
                try (var in = ((COSStream) it.next().getCOSObject()).createRawInputStream()) {
                    out.add(in.readAllBytes());
                }
            }
            for (COSName n : p.getResources().getXObjectNames()) {
                try (var in = ((COSStream) p.getResources().getXObject(n).getCOSObject()).createRawInputStream()) {
                    out.add(in.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void pdfGetsATextLayerOnPagesWithoutTextAndKeepsEverythingElse() throws Exception {
        byte[] input = inputPdf();
        SearchablePdf.Plan plan = SearchablePdf.plan(input, PageRange.ALL, false);
        assertThat(plan.ocr()).containsExactly(1, 3);
        assertThat(plan.withText()).containsExactly(2);
        assertThat(SearchablePdf.plan(input, PageRange.ALL, true).ocr()).containsExactly(1, 2, 3);

        int dpi = 200;
        List<PageImage> rendered = new ImageDecoder(ImageLimits.DEFAULT.withPdfDpi(dpi)).decodePdf(input, plan.ocrRange());
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < plan.ocr().size(); i++) {
            PageImage im = rendered.get(i);
            pages.add(Docs.page(plan.ocr().get(i), im.width(), im.height(),
                    List.of(Docs.line("page " + plan.ocr().get(i) + " heading", 100, 100, 60, false)),
                    List.of(Docs.line("body text here", 100, 300, 40, false))));
        }
        SearchablePdf.Result r = SearchablePdf.addTextLayer(input, new Document(pages), dpi, plan.withText(), "in.pdf");
        assertThat(r.ocrPages()).containsExactly(1, 3);
        assertThat(r.skippedPages()).containsExactly(2);
        byte[] out = r.pdf();
        assertThat(java.util.Arrays.copyOf(out, input.length)).as("the original bytes come first").isEqualTo(input);
        assertThat((double) out.length).isLessThanOrEqualTo(1.1 * input.length + 100_000);

        for (int i = 0; i < 3; i++) {
            List<byte[]> before = rawStreams(input, i), after = rawStreams(out, i);
            for (byte[] b : before) assertThat(after).as("page %d keeps each of its streams", i + 1).anyMatch(a -> java.util.Arrays.equals(a, b));
        }
        try (PDDocument in = Loader.loadPDF(input); PDDocument o = Loader.loadPDF(out)) {
            assertThat(o.getPage(1).getCOSObject().getItem(COSName.CONTENTS).toString())
                    .isEqualTo(in.getPage(1).getCOSObject().getItem(COSName.CONTENTS).toString());
            assertThat(o.getDocumentInformation().getProducer()).startsWith("Lector ");
        }
        assertThat(normalize(PdfReading.pdfbox(out, 1))).isEqualTo("page 1 heading body text here");
        assertThat(normalize(PdfReading.pdfbox(out, 2))).isEqualTo("Already searchable text");
        assertThat(normalize(PdfReading.pdfbox(out, 3))).isEqualTo("page 3 heading body text here");

        PdfReading.assumePdftotext();
        assertThat(normalize(PdfReading.pdftotext(out))).isEqualTo("page 1 heading body text here Already searchable text page 3 heading body text here");
        double px = dpi / 72.0;
        for (int pageNo : List.of(1, 3)) { // pdftotext reports boxes on the page as shown: turned and cropped like the render
            Page page = pages.get(pageNo == 1 ? 0 : 1);
            List<PdfReading.BoxedWord> words = PdfReading.pdftotextWords(out, pageNo);
            for (Line l : page.lines()) {
                for (Word w : l.words()) {
                    PdfReading.BoxedWord b = words.stream().filter(x -> x.text().equals(w.text())).findFirst().orElseThrow();
                    assertThat(b.xMin() * px).as("page %d %s left", pageNo, w.text()).isCloseTo(w.box().minX(), within(3.0));
                    assertThat(b.yMin() * px).as("page %d %s top", pageNo, w.text()).isCloseTo(w.box().minY(), within(3.0));
                    assertThat(b.xMax() * px).as("page %d %s right", pageNo, w.text()).isCloseTo(w.box().maxX(), within(3.0));
                    assertThat(b.yMax() * px).as("page %d %s bottom", pageNo, w.text()).isCloseTo(w.box().maxY(), within(3.0));
                }
            }
        }
    }

    @Test
    void pixelsMapBackToWhereTheRendererDrewThem() throws Exception {
        for (int rotation : List.of(0, 90, 180, 270)) {
            byte[] pdf;
            try (PDDocument d = new PDDocument()) {
                PDPage p = new PDPage(new PDRectangle(400, 300));
                p.setCropBox(new PDRectangle(20, 30, 350, 250));
                p.setRotation(rotation);
                d.addPage(p);
                try (PDPageContentStream cs = new PDPageContentStream(d, p)) {
                    cs.addRect(100, 80, 60, 20); // user space
                    cs.fill();
                }
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                d.save(o);
                pdf = o.toByteArray();
            }
            int dpi = 144;
            PageImage im = new ImageDecoder(ImageLimits.DEFAULT.withPdfDpi(dpi)).decodePdf(pdf, PageRange.ALL).getFirst();
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
            for (int y = 0; y < im.height(); y++) {
                for (int x = 0; x < im.width(); x++) {
                    if ((im.bgr()[3 * (y * im.width() + x)] & 0xFF) < 128) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x + 1);
                        y1 = Math.max(y1, y + 1);
                    }
                }
            }
            Page page = Docs.page(1, im.width(), im.height(), List.of(Docs.line("x", 1, 1, 10, false)));
            try (PDDocument d = Loader.loadPDF(pdf)) {
                var t = SearchablePdf.pixelsToUser(d.getPage(0), page, dpi);
                var a = t.transform(new java.awt.geom.Point2D.Double(x0, y0), null);
                var b = t.transform(new java.awt.geom.Point2D.Double(x1, y1), null);
                assertThat(Math.min(a.getX(), b.getX())).as("rotation %d left", rotation).isCloseTo(100, within(1.0));
                assertThat(Math.max(a.getX(), b.getX())).as("rotation %d right", rotation).isCloseTo(160, within(1.0));
                assertThat(Math.min(a.getY(), b.getY())).as("rotation %d bottom", rotation).isCloseTo(80, within(1.0));
                assertThat(Math.max(a.getY(), b.getY())).as("rotation %d top", rotation).isCloseTo(100, within(1.0));
            }
        }
    }

    @Test
    void encryptedPdfIsRefusedWithAClearMessage() throws Exception {
        byte[] pdf;
        try (PDDocument d = new PDDocument()) {
            d.addPage(new PDPage());
            d.protect(new StandardProtectionPolicy("owner", "", new AccessPermission()));
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            d.save(o);
            pdf = o.toByteArray();
        }
        assertThatThrownBy(() -> SearchablePdf.plan(pdf, PageRange.ALL, false)).isInstanceOf(InputException.class)
                .hasMessageContaining("encrypted");
        Page page = Docs.page(1, 100, 100, List.of(Docs.line("x", 1, 1, 10, false)));
        assertThatThrownBy(() -> SearchablePdf.addTextLayer(pdf, Document.of(page), 200, List.of(), "x.pdf"))
                .isInstanceOf(InputException.class).hasMessageContaining("encrypted");
    }

    @Test
    void glyphlessFontParsesAsTrueType() throws Exception {
        byte[] ttf = GlyphlessFont.bytes();
        try (var font = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(ttf))) {
            assertThat(font.getNumberOfGlyphs()).isEqualTo(2);
            assertThat(font.getUnitsPerEm()).isEqualTo(1000);
            assertThat(font.getHorizontalHeader().getAscender()).isEqualTo((short) 800);
            assertThat(font.getName()).isEqualTo(GlyphlessFont.NAME);
        }
        assertThat(ttf.length).isLessThan(1000);
    }

    // ---- JPEG metadata for the tests

    /** Sets the JFIF APP0 density of a JPEG ImageIO wrote to {@code dpi} dots per inch. */
    static byte[] withJfifDensity(byte[] jpeg, int dpi) {
        byte[] b = jpeg.clone();
        assertThat(new String(b, 6, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("JFIF");
        b[13] = 1;
        b[14] = (byte) (dpi >> 8);
        b[15] = (byte) dpi;
        b[16] = (byte) (dpi >> 8);
        b[17] = (byte) dpi;
        return b;
    }

    /** Inserts an EXIF APP1 segment with only an orientation tag after the SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, 0, 0, 0, 0};
        int len = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
