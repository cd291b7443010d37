package dev.lector.cli;

import static dev.lector.render.PdfReading.normalize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lector.render.PdfReading;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lector ocr --format pdf|hocr|alto} end to end with the embedded models. */
class FileOutputTest {

    private static Path english(Path dir) throws Exception {
        Path f = dir.resolve("english.png");
        var img = TextRenderer.render(1200, 500, new Font(Font.SANS_SERIF, Font.PLAIN, 36),
                new TextRenderer.Placed("Searchable receipts", 60, 80),
                new TextRenderer.Placed("Total amount 42.50", 60, 200),
                new TextRenderer.Placed("Thank you for shopping", 60, 260),
                new TextRenderer.Placed("Invoice number 10234", 60, 400));
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    private static Path chinese(Path dir) throws Exception {
        Font font = TextRenderer.font(true, 40);
        assumeThat(font).as("a CJK font is installed").isNotNull();
        Path f = dir.resolve("chinese.png");
        var img = TextRenderer.render(1000, 400, font,
                new TextRenderer.Placed("中文文本识别测试", 60, 100),
                new TextRenderer.Placed("可以搜索和复制的文件", 60, 200));
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void pdfOfRenderedPagesReadsBackAsLectorsText(@TempDir Path dir) throws Exception {
        Path en = english(dir);
        Path zh;
        try {
            zh = chinese(dir);
        } catch (org.opentest4j.TestAbortedException e) {
            zh = null;
        }
        for (Path in : zh == null ? java.util.List.of(en) : java.util.List.of(en, zh)) {
            CliRun text = CliRun.lector("ocr", "--threads", "2", in.toString());
            assertThat(text.exit()).as(text.err()).isZero();
            Path out = dir.resolve(in.getFileName() + ".pdf");
            CliRun pdf = CliRun.lector("ocr", "--format", "pdf", "--threads", "2", "-o", out.toString(), in.toString());
            assertThat(pdf.exit()).as(pdf.err()).isZero();
            byte[] bytes = Files.readAllBytes(out);
            String expected = normalize(text.out());
            assertThat(expected).isNotEmpty();
            assertThat(normalize(PdfReading.pdfbox(bytes))).isEqualTo(expected);
            if (PdfReading.hasPdftotext()) assertThat(normalize(PdfReading.pdftotext(bytes))).isEqualTo(expected);
        }
        assertThat(CliRun.lector("ocr", "--threads", "2", en.toString()).out()).contains("42.50");
    }

    @Test
    void severalInputsGiveOneFileEachInTheFolder(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        english(in);
        Files.copy(in.resolve("english.png"), in.resolve("copy.png"));
        Path out = dir.resolve("out");
        for (String format : new String[] {"hocr", "alto", "pdf"}) {
            CliRun r = CliRun.lector("ocr", "--format", format, "--threads", "2", "-o", out.toString(), in.toString());
            assertThat(r.exit()).as(r.err()).isZero();
        }
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("copy.hocr", "copy.pdf", "copy.xml", "english.hocr", "english.pdf", "english.xml");
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        assertThat(f.newDocumentBuilder().parse(out.resolve("english.xml").toFile()).getDocumentElement().getLocalName()).isEqualTo("alto");
        assertThat(Files.readString(out.resolve("english.hocr"))).contains("Searchable");
    }

    @Test
    void anOutputThatCannotBeWrittenFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path in = english(dir);
        CliRun r = CliRun.lector("ocr", "--format", "pdf", "-o", dir.resolve("no/such/folder/out.pdf").toString(), in.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write to -o").contains("no such folder").doesNotContain("\tat ");
        CliRun noOut = CliRun.lector("ocr", "--format", "pdf", in.toString());
        assertThat(noOut.exit()).isEqualTo(2);
        assertThat(noOut.err()).contains("needs -o");
    }
}
