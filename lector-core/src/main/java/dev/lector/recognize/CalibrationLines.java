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
 * Java2D (plain and bold, 22-40 px, dark grey on light grey), and turned into model inputs exactly
 * as recognition does ({@link CtcTextRecognizer#input}). No dataset is involved.
 *
 * <p>{@link #draw} uses only the font Lector bundles ({@value #BUNDLED_FONT}, from the PDFBox
 * jar), so the lines are the same on every machine whatever fonts it has installed; it refuses a
 * dictionary that font cannot draw (Chinese, Japanese, ...), since drawing that would need the
 * machine's own fonts. {@link #renderWithSystemFonts} draws in the JDK's logical fonts, which
 * depend on the installed fonts: it only made the calibration shipped for the embedded models.
 */
public final class CalibrationLines {

    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};

    /** The one font {@link #draw} uses. */
    public static final String BUNDLED_FONT = "Liberation Sans";
    private static final String BUNDLED_FONT_RESOURCE = "org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    /** Share of a dictionary's characters the bundled font may lack before {@link #draw} refuses it. */
    static final double MAX_MISSING_SHARE = 0.02;

    private CalibrationLines() {
    }

    /**
     * Lines drawn with the bundled font, or why there are none.
     *
     * @param lines       the model inputs, empty when refused
     * @param unavailable why no lines could be drawn (one sentence for people), or null
     */
    public record Drawn(List<Tensor> lines, String unavailable) {
        public Drawn {
            lines = List.copyOf(lines);
        }
    }

    /**
     * {@code count} one-line inputs drawn with the bundled font only ({@value #BUNDLED_FONT}), the
     * same on every machine: no installed font takes part. Characters of {@code dictionary} the
     * font cannot draw are left out; when more than {@value #MAX_MISSING_SHARE} of them would be,
     * nothing is drawn and {@link Drawn#unavailable()} says why.
     */
    public static Drawn draw(List<String> dictionary, int count, long seed) {
        List<String> symbols = dictionary.stream().filter(s -> !s.isBlank()).toList();
        if (symbols.isEmpty()) return new Drawn(List.of(), "the dictionary has no characters to draw");
        Font base;
        try (var in = CalibrationLines.class.getClassLoader().getResourceAsStream(BUNDLED_FONT_RESOURCE)) {
            if (in == null) return new Drawn(List.of(), "the bundled font " + BUNDLED_FONT + " is not on the class path");
            base = Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (java.io.IOException | java.awt.FontFormatException | RuntimeException | InternalError | LinkageError e) {
            return new Drawn(List.of(), "this JDK cannot load the bundled font " + BUNDLED_FONT + " (" + e.getMessage() + ")");
        }
        List<String> drawable = symbols.stream().filter(s -> base.canDisplayUpTo(s) == -1).toList();
        int missing = symbols.size() - drawable.size();
        if (drawable.isEmpty() || missing > MAX_MISSING_SHARE * symbols.size()) {
            String examples = symbols.stream().filter(s -> base.canDisplayUpTo(s) != -1).limit(3)
                    .collect(java.util.stream.Collectors.joining(" "));
            return new Drawn(List.of(), "the bundled font " + BUNDLED_FONT + " cannot draw " + missing + " of the dictionary's "
                    + symbols.size() + " characters (e.g. " + examples + "), and drawing them with this machine's fonts "
                    + "would make the result depend on the machine");
        }
        Random random = new Random(seed);
        List<Tensor> lines = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Font font = base.deriveFont(random.nextBoolean() ? Font.PLAIN : Font.BOLD, 22f + random.nextInt(19));
                BufferedImage line = draw(text(drawable, random), font, random);
                lines.add(CtcTextRecognizer.input(List.of(ImageDecoder.fromBufferedImage(line))));
            }
        } catch (RuntimeException | InternalError | LinkageError e) {
            return new Drawn(List.of(), "Java2D cannot draw text here (" + e.getMessage() + ")");
        }
        return new Drawn(lines, null);
    }

    /**
     * {@code count} one-line inputs drawn in the JDK's logical fonts, which map to whatever fonts
     * the machine has: deterministic for a seed on one set of installed fonts only. None when
     * Java2D cannot draw text here (no fonts at all). Used to make the calibration shipped for the
     * embedded models; engines draw with {@link #draw}.
     */
    public static List<Tensor> renderWithSystemFonts(List<String> dictionary, int count, long seed) {
        List<String> symbols = dictionary.stream().filter(s -> !s.isBlank()).toList();
        if (symbols.isEmpty()) return List.of();
        Random random = new Random(seed);
        List<Tensor> lines = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                String text = text(symbols, random);
                Font font = new Font(FONTS[i % FONTS.length], random.nextBoolean() ? Font.PLAIN : Font.BOLD, 22 + random.nextInt(19));
                BufferedImage line = draw(text, font, random);
                lines.add(CtcTextRecognizer.input(List.of(ImageDecoder.fromBufferedImage(line))));
            }
        } catch (RuntimeException | InternalError | LinkageError e) {
            // a JDK without usable fonts (no fontconfig fonts, no libfreetype) fails in its font system
            return List.of();
        }
        return lines;
    }

    /** SHA-256 (hex) of the shapes and values of {@code lines}: which lines a calibration saw. */
    public static String sha256(List<Tensor> lines) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : lines) {
                for (long d : t.shape()) md.update(bb.clear().putLong(d).array());
                java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(t.data().length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t.data());
                md.update(data.array());
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static BufferedImage draw(String text, Font font, Random random) {
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
