package dev.lector.pipeline;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.image.PageImage;
import dev.lector.recognize.InkGaps;
import dev.lector.recognize.Recognized;
import dev.lector.recognize.WordSpan;
import dev.lector.recognize.WordSplitter;
import dev.lector.result.Line;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the recogniser read from one crop into a page {@link Line} with its {@link Word}s:
 * a word's place along the crop (a fraction of its width) goes back through the crop's quad to
 * the page, is projected onto the line's own box (the crop was grown beyond it along the text)
 * and clipped to it, and its rows (fractions of the crop's height, which is the line box's) cut
 * the box across, so every word box lies inside its line box. The line's text gets the spaces
 * the recogniser left out between words ({@link WordSplitter#splitLine}). Pure.
 */
final class LineWords {
    private LineWords() {}

    /**
     * @param crop    the crop the recogniser read
     * @param text    the line's box in the (padded) detector image, corners from the text's own top-left
     * @param cropped the quad the crop was cut from: {@code text} grown along the text, same corner order
     * @param pad     the white margin around the page in that image, removed from the results
     */
    static Line line(Recognized r, PageImage crop, Quad text, Quad cropped, int orientation, int pad, int pageWidth, int pageHeight) {
        List<Word> words = new ArrayList<>();
        WordSplitter.Split split = WordSplitter.splitLine(r.glyphs(), r.glyphs().isEmpty() ? InkGaps.NONE : InkGaps.of(crop));
        for (WordSpan w : split.words()) {
            double a = clamp01(text.alongTop(along(cropped, w.start())));
            double b = clamp01(text.alongTop(along(cropped, w.end())));
            if (b < a) { // cannot happen for a crop grown along its own top edge; keep the order anyway
                double t = a;
                a = b;
                b = t;
            }
            words.add(new Word(w.text(), w.score(), unpad(rows(text.span(a, b), w.top(), w.bottom()), pad, pageWidth, pageHeight)));
        }
        String lineText = r.glyphs().isEmpty() ? r.text() : split.text();
        return new Line(lineText, r.score(), unpad(text, pad, pageWidth, pageHeight), orientation, words);
    }

    /**
     * The part of {@code q} between fractions {@code top} and {@code bottom} of its height, along
     * its left and right edges: the crop's rows are the line box's, since the crop was grown only
     * along the text.
     */
    private static Quad rows(Quad q, double top, double bottom) {
        if (top <= 0 && bottom >= 1) return q;
        return new Quad(lerp(q.topLeft(), q.bottomLeft(), top), lerp(q.topRight(), q.bottomRight(), top),
                lerp(q.topRight(), q.bottomRight(), bottom), lerp(q.topLeft(), q.bottomLeft(), bottom));
    }

    private static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }

    private static Point along(Quad q, double u) {
        return new Point(q.topLeft().x() + (q.topRight().x() - q.topLeft().x()) * u,
                q.topLeft().y() + (q.topRight().y() - q.topLeft().y()) * u);
    }

    private static Quad unpad(Quad q, int pad, int w, int h) {
        return pad == 0 ? q : q.shiftedInto(pad, pad, w, h);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
