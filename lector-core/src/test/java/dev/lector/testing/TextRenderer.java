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
}
