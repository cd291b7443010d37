package dev.lector.bench;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.image.ImageDecoder;
import dev.lector.image.PageImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A receipt-sized page drawn with Java2D: white paper, {@value #LINES} lines of black text, every
 * fifth line turned by up to two degrees, and the quad around each line (clockwise from the
 * top-left, a few pixels of margin), as the detector would give it.
 *
 * @param image the page, 8-bit BGR
 * @param lines one quad per text line, top to bottom
 */
record ReceiptPage(PageImage image, List<Quad> lines) {

    static final int WIDTH = 460;
    static final int HEIGHT = 1030;
    static final int LINES = 50;
    private static final int LINE_PITCH = 20;
    private static final int MARGIN_PX = 2;
    private static final String[] WORDS = {"TOTAL", "SUBTOTAL", "CASH", "CHANGE", "GST", "QTY", "ITEM", "MILK",
        "BREAD", "RICE", "SUGAR", "TEA", "COFFEE", "EGGS", "BUTTER", "NOODLES", "SOAP", "TISSUE", "RM", "NO:",
        "INVOICE", "DATE", "12/03/2018", "TEL", "03-5521", "THANK", "YOU", "PLEASE", "COME", "AGAIN"};

    ReceiptPage {
        lines = List.copyOf(lines);
    }

    /** Draws the page; the same seed always gives the same pixels. */
    static ReceiptPage render(long seed) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        List<Quad> quads = new ArrayList<>(LINES);
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < LINES; i++) {
                String text = line(random);
                int textWidth = Math.min(fm.stringWidth(text), WIDTH - 40);
                int x = 20 + (i % 3 == 2 ? random.nextInt(Math.max(1, WIDTH - 40 - textWidth)) : 0);
                int baseline = 15 + fm.getAscent() + i * LINE_PITCH;
                double angle = i % 5 == 4 ? Math.toRadians((random.nextDouble() * 2 - 1) * 2) : 0;
                double x0 = x - MARGIN_PX, x1 = x + textWidth + MARGIN_PX;
                double y0 = baseline - fm.getAscent() - MARGIN_PX, y1 = baseline + fm.getDescent() + MARGIN_PX;
                double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
                AffineTransform turn = AffineTransform.getRotateInstance(angle, cx, cy);
                AffineTransform saved = g.getTransform();
                g.transform(turn);
                g.drawString(text, x, baseline);
                g.setTransform(saved);
                quads.add(new Quad(turned(turn, x0, y0), turned(turn, x1, y0), turned(turn, x1, y1),
                        turned(turn, x0, y1)).clamp(WIDTH, HEIGHT));
            }
        } finally {
            g.dispose();
        }
        return new ReceiptPage(ImageDecoder.fromBufferedImage(img), quads);
    }

    private static String line(Random random) {
        StringBuilder s = new StringBuilder();
        int words = 1 + random.nextInt(4);
        for (int w = 0; w < words; w++) {
            if (w > 0) s.append(' ');
            s.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (random.nextBoolean()) s.append("  ").append(random.nextInt(200)).append('.').append(10 + random.nextInt(90));
        return s.toString();
    }

    private static Point turned(AffineTransform t, double x, double y) {
        java.awt.geom.Point2D p = t.transform(new java.awt.geom.Point2D.Double(x, y), null);
        return new Point(p.getX(), p.getY());
    }
}
