package dev.lector.recognize;

import dev.lector.backend.Tensor;
import dev.lector.image.ImageDecoder;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Text lines for calibrating an INT8 recogniser: random strings of the model's own dictionary
 * (so a Chinese model sees Chinese, a Latin one Latin) mixed with digits and capitals, drawn with
 * Java2D in the logical fonts (plain and bold, 22-40 px, dark grey on light grey), and turned into
 * model inputs exactly as recognition does ({@link CtcTextRecognizer#input}). Deterministic for a
 * seed on a given set of installed fonts. No dataset is involved.
 */
public final class CalibrationLines {

    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};

    private CalibrationLines() {
    }

    /**
     * {@code count} one-line inputs, or none when Java2D cannot draw text here (no fonts at all):
     * the caller then keeps the float model.
     */
    public static List<Tensor> render(List<String> dictionary, int count, long seed) {
        List<String> symbols = dictionary.stream().filter(s -> !s.isBlank()).toList();
        if (symbols.isEmpty()) return List.of();
        Random random = new Random(seed);
        List<Tensor> lines = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                BufferedImage line = draw(text(symbols, random), FONTS[i % FONTS.length], random);
                lines.add(CtcTextRecognizer.input(List.of(ImageDecoder.fromBufferedImage(line))));
            }
        } catch (RuntimeException | InternalError | LinkageError e) {
            // a JDK without usable fonts (no fontconfig fonts, no libfreetype) fails in its font system
            return List.of();
        }
        return lines;
    }

    private static String text(List<String> symbols, Random random) {
        StringBuilder sb = new StringBuilder();
        int length = 4 + random.nextInt(20);
        for (int k = 0; k < length; k++) {
            switch (random.nextInt(3)) {
                case 0 -> sb.append(symbols.get(random.nextInt(symbols.size())));
                case 1 -> sb.append((char) ('A' + random.nextInt(26)));
                default -> sb.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(6) == 0) sb.append(' ');
        }
        return sb.toString().strip();
    }

    private static BufferedImage draw(String text, String family, Random random) {
        Font font = new Font(family, random.nextBoolean() ? Font.PLAIN : Font.BOLD, 22 + random.nextInt(19));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int w = Math.max(8, fm.stringWidth(text)) + 16;
        int h = fm.getHeight() + 8;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        int paper = 200 + random.nextInt(56);
        g.setColor(new Color(paper, paper, Math.max(0, paper - random.nextInt(20))));
        g.fillRect(0, 0, w, h);
        int ink = random.nextInt(90);
        g.setColor(new Color(ink, ink, ink));
        g.setFont(font);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawString(text, 8, 4 + fm.getAscent());
        g.dispose();
        return img;
    }
}
