package dev.lector.render;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * A line cut into the pieces the text layer places one by one, so that the pieces and the spaces
 * between them spell the line's text exactly: its words where the reader gave words that match
 * the text (characters of the text that no word covers join the word before them), otherwise the
 * text's space-separated runs with boxes estimated along the line in proportion to their width.
 */
final class LinePieces {
    private LinePieces() {}

    /**
     * @param text       never blank
     * @param box        where it is, corners clockwise from the text's own top-left
     * @param spaceAfter whether the line's text has white space after it (before the next piece)
     * @param estimated  whether the box is an estimate (the line had no matching words)
     */
    record Piece(String text, double score, Quad box, boolean spaceAfter, boolean estimated) {}

    static List<Piece> of(Line line) {
        if (!line.words().isEmpty()) {
            List<Piece> fromWords = fromWords(line);
            if (fromWords != null) return fromWords;
        }
        return estimated(line);
    }

    /** The words aligned with the text, or null when a word is not found in it in order. */
    private static List<Piece> fromWords(Line line) {
        String t = line.text();
        List<String> texts = new ArrayList<>();
        List<Boolean> spaces = new ArrayList<>();
        int pos = 0;
        String pending = ""; // text before the first word
        for (Word w : line.words()) {
            int idx = t.indexOf(w.text(), pos);
            if (idx < 0) return null;
            String gap = t.substring(pos, idx);
            String core = gap.strip();
            if (texts.isEmpty()) {
                pending = core.isEmpty() ? "" : core + (endsWithSpace(gap) ? " " : "");
            } else if (core.isEmpty()) {
                spaces.set(spaces.size() - 1, !gap.isEmpty());
            } else {
                int last = texts.size() - 1;
                texts.set(last, texts.get(last) + (startsWithSpace(gap) ? " " : "") + core);
                spaces.set(last, endsWithSpace(gap));
            }
            texts.add(texts.isEmpty() ? pending + w.text() : w.text());
            spaces.add(false);
            pos = idx + w.text().length();
        }
        String tail = t.substring(pos).strip();
        if (!tail.isEmpty()) {
            int last = texts.size() - 1;
            texts.set(last, texts.get(last) + (startsWithSpace(t.substring(pos)) ? " " : "") + tail);
        }
        List<Piece> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Word w = line.words().get(i);
            out.add(new Piece(texts.get(i), w.score(), w.box(), spaces.get(i), false));
        }
        return out;
    }

    private static List<Piece> estimated(Line line) {
        String t = line.text();
        int total = TextWidth.halfEms(t);
        List<Piece> out = new ArrayList<>();
        if (total == 0 || t.isBlank()) return out;
        int i = 0, offset = 0;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                offset += 1;
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < t.length() && !Character.isWhitespace(t.codePointAt(i))) i += Character.charCount(t.codePointAt(i));
            String run = t.substring(start, i);
            int w = TextWidth.halfEms(run);
            Quad box = along(line.box(), (double) offset / total, (double) (offset + w) / total);
            offset += w;
            out.add(new Piece(run, line.score(), box, i < t.length(), true));
        }
        if (!out.isEmpty()) {
            Piece last = out.getLast();
            out.set(out.size() - 1, new Piece(last.text(), last.score(), last.box(), false, true));
        }
        return out;
    }

    /** The part of {@code q} from fraction {@code t0} to {@code t1} of the way along its text direction. */
    static Quad along(Quad q, double t0, double t1) {
        return new Quad(lerp(q.topLeft(), q.topRight(), t0), lerp(q.topLeft(), q.topRight(), t1),
                lerp(q.bottomLeft(), q.bottomRight(), t1), lerp(q.bottomLeft(), q.bottomRight(), t0));
    }

    private static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }

    private static boolean startsWithSpace(String s) {
        return !s.isEmpty() && Character.isWhitespace(s.codePointAt(0));
    }

    private static boolean endsWithSpace(String s) {
        return !s.isEmpty() && Character.isWhitespace(s.codePointBefore(s.length()));
    }
}
