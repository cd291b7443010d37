package dev.lector.render;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Hand-built pages for the renderer tests: lines laid out on a grid, words with boxes. */
final class Docs {
    private Docs() {}

    /**
     * A horizontal line at ({@code x}, {@code top}) of height {@code h}: each character is
     * {@code h/2} wide ({@code h} for a wide one), words split at spaces, and wide characters each a
     * word of their own when {@code perChar} (CJK style, no spaces in the text between them).
     */
    static Line line(String text, double x, double top, double h, boolean perChar) {
        List<Word> words = new ArrayList<>();
        double cx = x;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                cx += h / 2;
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            double wx = cx;
            while (true) {
                int c = text.codePointAt(i);
                cx += TextWidth.isWide(c) ? h : h / 2;
                i += Character.charCount(c);
                if (i >= text.length() || Character.isWhitespace(text.codePointAt(i))) break;
                if (perChar && (TextWidth.isWide(c) || TextWidth.isWide(text.codePointAt(i)))) break;
            }
            words.add(new Word(text.substring(start, i), 0.9, Quad.ofRect(wx, top, cx - wx, h)));
        }
        return new Line(text, 0.95, Quad.ofRect(x, top, cx - x, h), 0, words);
    }

    /** The same line turned so that it runs top to bottom (orientation 90) starting at ({@code left}, {@code y}). */
    static Line vertical(String text, double left, double y, double h) {
        Line flat = line(text, 0, 0, h, false);
        List<Word> words = flat.words().stream().map(w -> new Word(w.text(), w.score(), turn(w.box(), left, y, h))).toList();
        return new Line(text, 0.95, turn(flat.box(), left, y, h), 90, words);
    }

    /** A flat quad at the origin turned a quarter clockwise: text top-left at (left + h, y). */
    private static Quad turn(Quad q, double left, double y, double h) {
        return new Quad(t(q.topLeft(), left, y, h), t(q.topRight(), left, y, h), t(q.bottomRight(), left, y, h),
                t(q.bottomLeft(), left, y, h));
    }

    private static Point t(Point p, double left, double y, double h) {
        return new Point(left + h - p.y(), y + p.x());
    }

    /** A page whose blocks are the given groups of lines (lines in order). */
    @SafeVarargs
    static Page page(int number, int width, int height, List<Line>... blocks) {
        List<Line> lines = new ArrayList<>();
        List<Block> bs = new ArrayList<>();
        for (List<Line> group : blocks) {
            int first = lines.size();
            lines.addAll(group);
            double x0 = group.stream().mapToDouble(l -> l.box().minX()).min().orElseThrow();
            double y0 = group.stream().mapToDouble(l -> l.box().minY()).min().orElseThrow();
            double x1 = group.stream().mapToDouble(l -> l.box().maxX()).max().orElseThrow();
            double y1 = group.stream().mapToDouble(l -> l.box().maxY()).max().orElseThrow();
            bs.add(new Block(group.size() == 1 ? BlockKind.HEADING : BlockKind.PARAGRAPH, Quad.ofRect(x0, y0, x1 - x0, y1 - y0),
                    IntStream.range(first, lines.size()).boxed().toList()));
        }
        return new Page(number, width, height, 0, 0, lines, bs, null, null, null);
    }
}
