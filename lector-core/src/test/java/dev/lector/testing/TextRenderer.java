package dev.lector.testing;

import dev.lector.image.ImageDecoder;
import dev.lector.image.PageImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Test fixture: renders text with Java2D onto a white page, so tests need no image files. */
public final class TextRenderer {

    /** A piece of text placed with its baseline's left end at (x, y), optionally turned by 180 degrees. */
    public record Placed(String text, int x, int y, boolean upsideDown) {
        public Placed(String text, int x, int y) {
            this(text, x, y, false);
        }
    }

    private TextRenderer() {}

    public static BufferedImage render(int width, int height, Font font, Placed... texts) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(font);
        for (Placed p : texts) {
            if (p.upsideDown()) {
                int w = g.getFontMetrics().stringWidth(p.text());
                AffineTransform saved = g.getTransform();
                // turn around the text's centre, keeping it in the same place on the page
                int ascent = g.getFontMetrics().getAscent();
                g.rotate(Math.PI, p.x() + w / 2.0, p.y() - ascent / 2.0);
                g.drawString(p.text(), p.x(), p.y());
                g.setTransform(saved);
            } else {
                g.drawString(p.text(), p.x(), p.y());
            }
        }
        g.dispose();
        return img;
    }

    public static PageImage page(int width, int height, Font font, Placed... texts) {
        return ImageDecoder.fromBufferedImage(render(width, height, font, texts));
    }

    /** A sans-serif font; a CJK-capable one when {@code cjk} (null if the machine has none). */
    public static Font font(boolean cjk, int size) {
        if (!cjk) return new Font(Font.SANS_SERIF, Font.PLAIN, size);
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        return Arrays.stream(families)
                .map(f -> new Font(f, Font.PLAIN, size))
                .filter(f -> f.canDisplayUpTo("中文识别测试") == -1)
                .filter(f -> !f.getFamily().toLowerCase().contains("dialog"))
                .findFirst().orElse(null);
    }

    /** {@code img} turned {@code degrees} clockwise (a right angle), pixel for pixel. */
    public static BufferedImage turned(BufferedImage img, int degrees) {
        if (degrees % 360 == 0) return img;
        int w = img.getWidth(), h = img.getHeight();
        boolean swap = degrees % 180 != 0;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        t.translate(out.getWidth() / 2.0, out.getHeight() / 2.0);
        t.rotate(Math.toRadians(degrees));
        t.translate(-w / 2.0, -h / 2.0);
        new java.awt.image.AffineTransformOp(t, java.awt.image.AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(img, out);
        return out;
    }

    /** {@code img} rotated by a small angle (degrees clockwise) about its centre, on white. */
    public static BufferedImage skewed(BufferedImage img, double degrees) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), img.getWidth() / 2.0, img.getHeight() / 2.0);
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * The box of each space-separated word of {@code p} as Java2D draws it in {@code font}:
     * {x0, y0, x1, y1} from the advance widths and the font's ascent and descent.
     */
    public static java.util.List<double[]> wordBoxes(Placed p, Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scratch.createGraphics();
        java.awt.FontMetrics m = g.getFontMetrics(font);
        java.util.List<double[]> out = new java.util.ArrayList<>();
        int at = 0;
        for (String word : p.text().split(" ")) {
            int start = p.text().indexOf(word, at);
            double x0 = p.x() + m.stringWidth(p.text().substring(0, start));
            double x1 = x0 + m.stringWidth(word);
            out.add(new double[] {x0, p.y() - m.getAscent(), x1, p.y() + m.getDescent()});
            at = start + word.length();
        }
        g.dispose();
        return out;
    }

    /** A multi-page TIFF (uncompressed), one page per image, through the JDK's TIFF writer. */
    public static byte[] tiff(BufferedImage... pages) {
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
             javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            for (BufferedImage page : pages) w.writeToSequence(new javax.imageio.IIOImage(page, null, null), null);
            w.endWriteSequence();
            w.dispose();
            ios.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
