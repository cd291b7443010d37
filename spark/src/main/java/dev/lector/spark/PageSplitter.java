package dev.lector.spark;

import dev.lector.image.ImageHeader;
import dev.lector.image.ImageLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.Splitter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One file row ({@code path}, {@code content}) to the rows of work it makes, before they are
 * repartitioned: a PDF becomes one single-page PDF per page (numbered as in the file), so its pages
 * spread over tasks; any other file is one row with page 0 ("the whole file", a multi-page TIFF
 * included). A PDF PDFBox cannot split here (broken, encrypted, more pages than the engine takes)
 * goes on whole as page 0, and the engine's own error for it becomes that file's row.
 */
final class PageSplitter implements FlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final int maxPdfPages;

    PageSplitter(int maxPdfPages) {
        this.maxPdfPages = maxPdfPages;
    }

    PageSplitter() {
        this(ImageLimits.DEFAULT.maxPdfPages());
    }

    @Override
    public Iterator<Row> call(Row file) {
        String path = file.getString(0);
        if (file.isNullAt(1)) return List.of(RowFactory.create(path, 0, null, "no content")).iterator();
        byte[] bytes = (byte[]) file.get(1);
        if (!ImageHeader.isPdf(bytes)) return List.of(RowFactory.create(path, 0, bytes, null)).iterator();
        List<byte[]> pages = split(bytes, maxPdfPages);
        if (pages == null) return List.of(RowFactory.create(path, 0, bytes, null)).iterator();
        List<Row> out = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) out.add(RowFactory.create(path, i + 1, pages.get(i), null));
        return out.iterator();
    }

    /** Each page of {@code pdf} as a PDF of its own, or null when this PDF is left to the engine whole. */
    static List<byte[]> split(byte[] pdf, int maxPages) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int n = doc.getNumberOfPages();
            if (doc.isEncrypted() || n < 1 || n > maxPages) return null;
            Splitter splitter = new Splitter();
            splitter.setSplitAtPage(1);
            List<PDDocument> parts = splitter.split(doc);
            List<byte[]> out = new ArrayList<>(parts.size());
            try {
                for (PDDocument part : parts) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    part.save(bytes);
                    out.add(bytes.toByteArray());
                }
            } finally {
                for (PDDocument part : parts) part.close();
            }
            return out.size() == n ? out : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
