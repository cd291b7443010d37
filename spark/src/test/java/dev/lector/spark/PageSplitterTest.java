package dev.lector.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The split before the repartition, and the task's window of pages in flight; no Spark session. */
class PageSplitterTest {

    private static List<Row> split(String path, byte[] content, int maxPages) {
        List<Row> out = new ArrayList<>();
        new PageSplitter(maxPages).call(RowFactory.create(path, content)).forEachRemaining(out::add);
        return out;
    }

    private static byte[] pdf(float... widths) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            for (float w : widths) doc.addPage(new PDPage(new PDRectangle(w, 200)));
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }

    @Test
    void aPdfBecomesOneSinglePagePdfPerPageInOrder() throws IOException {
        List<Row> rows = split("a.pdf", pdf(100, 200, 300), 1000);
        assertThat(rows).extracting(r -> r.getInt(1)).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            try (PDDocument one = Loader.loadPDF((byte[]) rows.get(i).get(2))) {
                assertThat(one.getNumberOfPages()).isEqualTo(1);
                assertThat(one.getPage(0).getMediaBox().getWidth()).isEqualTo(100f * (i + 1));
            }
            assertThat(rows.get(i).isNullAt(3)).isTrue();
        }
    }

    @Test
    void imagesBrokenPdfsAndPdfsOverTheLimitGoOnWholeAsPageZero() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};
        byte[] broken = "%PDF-1.7\nnot really".getBytes(StandardCharsets.US_ASCII);
        byte[] long3 = pdf(100, 100, 100);
        for (byte[] content : List.of(png, broken, long3)) {
            List<Row> rows = split("f", content, 2);
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.getInt(1)).isZero();
                assertThat((byte[]) r.get(2)).isEqualTo(content);
            });
        }
        assertThat(split("empty", null, 2)).singleElement().satisfies(r -> assertThat(r.getString(3)).isEqualTo("no content"));
    }

    @Test
    void theWindowKeepsInputOrderAndFlattensEachReading() {
        Iterator<Row> input = List.of(RowFactory.create("a", 3), RowFactory.create("b", 0), RowFactory.create("c", 2)).iterator();
        PageReader.Window window = new PageReader.Window(input, work -> {
            List<Row> out = new ArrayList<>();
            try {
                Thread.sleep(10L * work.getInt(1)); // later rows finish first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 1; i <= work.getInt(1); i++) out.add(RowFactory.create(work.getString(0), i));
            return out;
        }, 3);
        List<String> seen = new ArrayList<>();
        window.forEachRemaining(r -> seen.add(r.getString(0) + r.getInt(1)));
        assertThat(seen).containsExactly("a1", "a2", "a3", "c1", "c2");
        assertThat(window.hasNext()).isFalse();
    }
}
