package dev.lector.fuzz;

import dev.lector.testing.PdfBombs;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the fuzz targets' seed corpora (small files the project makes itself) into the test
 * resources, where Jazzer finds them ({@code <Target>Inputs/<method>/}):
 * {@code java -cp <test classpath> dev.lector.fuzz.FuzzSeeds lector-core/src/test/resources}.
 * The seeds are committed; run this again only to change them.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "lector-core/src/test/resources").resolve("dev/lector/fuzz");
        Path images = root.resolve("ImageInputFuzzerInputs/headerAndDecoder");
        BufferedImage rgb = draw(48, 24, BufferedImage.TYPE_INT_RGB);
        write(images, "png-rgb", encode(rgb, "png"));
        write(images, "png-rgba", encode(draw(20, 10, BufferedImage.TYPE_INT_ARGB), "png"));
        write(images, "png-gray", encode(draw(20, 10, BufferedImage.TYPE_BYTE_GRAY), "png"));
        write(images, "jpeg", encode(rgb, "jpg"));
        write(images, "bmp", encode(rgb, "bmp"));
        write(images, "tiff-two-pages", dev.lector.testing.TextRenderer.tiff(rgb, draw(16, 16, BufferedImage.TYPE_INT_RGB)));
        byte[] png = encode(rgb, "png");
        write(images, "png-truncated", Arrays.copyOf(png, png.length / 2));
        write(images, "riff-webp-header", "RIFF\u0024\0\0\0WEBPVP8X\n\0\0\0\u0010\0\0\0\u000f\0\0\u000f\0\0".getBytes(StandardCharsets.ISO_8859_1));

        Path pdfs = root.resolve("PdfInputFuzzerInputs/pdfPages");
        write(pdfs, "text-page", textPdf());
        write(pdfs, "image-page", PdfBombs.hugeImage(64));
        write(pdfs, "many-operators", PdfBombs.manyOperators(200));

        Path renderers = root.resolve("RendererFuzzerInputs/renderers");
        write(renderers, "markup", "\u0001\u0002\u0003<b>Tom & \"Jerry\"</b> ]]> --> \u0000\uFFFE\uD800 caf\u00e9 \u6f22\u5b57".getBytes(StandardCharsets.UTF_8));
        write(renderers, "plain", "Hello Lector 2026 invoice total 39.80".getBytes(StandardCharsets.UTF_8));
    }

    private static BufferedImage draw(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, h / 2)));
        g.drawString("Ab1", 2, h - 4);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) throw new IOException("no writer for " + format);
        return out.toByteArray();
    }

    private static byte[] textPdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(200, 100));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(10, 50);
                cs.showText("Seed page");
                cs.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
