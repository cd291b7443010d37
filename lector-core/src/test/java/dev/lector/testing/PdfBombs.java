package dev.lector.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Hostile PDFs made with PDFBox: small files that would cost a renderer a lot of memory or time. */
public final class PdfBombs {

    private PdfBombs() {}

    /**
     * One letter-size page drawing a {@code side x side} grey image whose data is a flate stream of
     * zeros: a few hundred KB on disk, {@code side^2} bytes once decoded (20000: 400 MB).
     */
    public static byte[] hugeImage(int side) {
        return HUGE.computeIfAbsent(side, PdfBombs::makeHugeImage).clone();
    }

    private static final java.util.Map<Integer, byte[]> HUGE = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] makeHugeImage(int side) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            ByteArrayOutputStream flate = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(flate, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                byte[] row = new byte[side]; // 8-bit grey, all black
                for (int y = 0; y < side; y++) z.write(row);
            }
            PDImageXObject image = new PDImageXObject(doc, new ByteArrayInputStream(flate.toByteArray()), COSName.FLATE_DECODE,
                    side, side, 8, PDDeviceGray.INSTANCE);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(image, 36, 36, 540, 720);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page of {@code rectangles} tiny filled rectangles and a line of text: many drawing operators. */
    public static byte[] manyOperators(int rectangles) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (int i = 0; i < rectangles; i++) {
                    cs.addRect(36 + (i % 500), 36 + (i / 500 % 700), 0.5f, 0.5f);
                    cs.fill();
                }
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 28);
                cs.newLineAtOffset(72, 680);
                cs.showText("Many operators");
                cs.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
