package dev.lector.render;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The invisible text of one page as PDF content: one {@code BT ... ET} text object per line in
 * reading order, rendering mode 3 (neither filled nor stroked). The text matrix runs along the
 * line's own baseline (its quad's bottom edge, so rotated and skewed lines follow their
 * direction), the font size is the line's height, and each piece of the line ({@link LinePieces})
 * starts at its box with horizontal scaling ({@code Tz}) that makes it exactly as long as its box;
 * where the line's text has a space, a space character scaled to fill the gap to the next word, so
 * that extractors see word breaks; pieces not separated by a space (CJK characters) abut.
 */
final class TextLayer {
    private TextLayer() {}

    /**
     * @param page     the page read, in pixels of its image
     * @param toUser   from those pixels to the PDF page's user space
     * @param font     the document's text-layer font
     * @param fontName the font's name in the page's resources
     */
    static byte[] content(Page page, AffineTransform toUser, TextLayerFont font, String fontName) {
        StringBuilder sb = new StringBuilder(256 + page.lines().size() * 200);
        for (Line line : page.lines()) line(sb, line, toUser, font, fontName);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void line(StringBuilder sb, Line line, AffineTransform toUser, TextLayerFont font, String fontName) {
        List<LinePieces.Piece> pieces = LinePieces.of(line);
        if (pieces.isEmpty()) return;
        Quad q = line.box();
        double[] bl = map(toUser, q.bottomLeft()), br = map(toUser, q.bottomRight());
        double[] tl = map(toUser, q.topLeft()), tr = map(toUser, q.topRight());
        double dx = br[0] - bl[0], dy = br[1] - bl[1], len = Math.hypot(dx, dy);
        if (len < 1e-6) { // a line of no length: run along the top edge, or give up
            dx = tr[0] - tl[0];
            dy = tr[1] - tl[1];
            len = Math.hypot(dx, dy);
            if (len < 1e-6) return;
        }
        dx /= len;
        dy /= len;
        double nx = -dy, ny = dx; // a quarter turn anticlockwise in user space (y up): towards the top of the text
        double height = ((tl[0] - bl[0]) * nx + (tl[1] - bl[1]) * ny + (tr[0] - br[0]) * nx + (tr[1] - br[1]) * ny) / 2;
        if (!(height > 1e-3)) height = Math.max(1e-3, Math.abs(height));
        double size = height * 1000.0 / (GlyphlessFont.ASCENT - GlyphlessFont.DESCENT);
        // baseline: the descent above the bottom edge, so the font's ascent-descent box is the line's box
        double ox = bl[0] + nx * size * -GlyphlessFont.DESCENT / 1000.0, oy = bl[1] + ny * size * -GlyphlessFont.DESCENT / 1000.0;
        sb.append("BT\n3 Tr\n/").append(fontName).append(' ').append(num(size)).append(" Tf\n")
                .append(num(dx)).append(' ').append(num(dy)).append(' ').append(num(nx)).append(' ').append(num(ny))
                .append(' ').append(num(ox)).append(' ').append(num(oy)).append(" Tm\n");
        double[] starts = new double[pieces.size()], ends = new double[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            Quad w = pieces.get(i).box();
            starts[i] = along(toUser, mid(w.topLeft(), w.bottomLeft()), ox, oy, dx, dy);
            ends[i] = along(toUser, mid(w.topRight(), w.bottomRight()), ox, oy, dx, dy);
        }
        double at = 0; // where the text line matrix stands, along the baseline
        for (int i = 0; i < pieces.size(); i++) {
            LinePieces.Piece p = pieces.get(i);
            boolean last = i + 1 == pieces.size();
            double start = starts[i];
            // a piece with no space after it runs up to the next one, so that they read as one word
            double end = !last && !p.spaceAfter() ? Math.max(starts[i + 1], start) : ends[i];
            double natural = TextLayerFont.advance(p.text()) * size;
            double width = Math.max(end - start, natural * 0.01);
            sb.append(num(start - at)).append(" 0 Td ").append(num(100 * width / natural)).append(" Tz ")
                    .append(font.hex(p.text())).append(" Tj");
            at = start;
            if (p.spaceAfter() && !last) {
                double gap = Math.max(starts[i + 1] - (start + width), 0);
                double space = TextLayerFont.advance(" ") * size;
                sb.append(' ').append(num(Math.max(100 * gap / space, 1))).append(" Tz ").append(font.hex(" ")).append(" Tj");
            }
            sb.append('\n');
        }
        sb.append("ET\n");
    }

    private static Point mid(Point a, Point b) {
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    /** Distance of a pixel point, in user space, along the baseline from its origin. */
    private static double along(AffineTransform toUser, Point p, double ox, double oy, double dx, double dy) {
        double[] u = map(toUser, p);
        return (u[0] - ox) * dx + (u[1] - oy) * dy;
    }

    private static double[] map(AffineTransform t, Point p) {
        Point2D r = t.transform(new Point2D.Double(p.x(), p.y()), null);
        return new double[] {r.getX(), r.getY()};
    }

    /** A number for a content stream: at most 4 decimals, no exponent, no trailing zeros. */
    static String num(double v) {
        if (Math.abs(v) < 5e-5) return "0";
        String s = String.format(Locale.ROOT, "%.4f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
