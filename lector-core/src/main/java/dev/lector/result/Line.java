package dev.lector.result;

import dev.lector.geometry.Quad;
import java.util.List;

/**
 * One recognised text line.
 *
 * @param text        recognised text
 * @param score       mean CTC confidence of the kept characters, in [0, 1]
 * @param box         where the line is in the input as stored, corners clockwise from the text's
 *                    own top-left
 * @param orientation the direction the text runs in the stored input, in degrees clockwise from
 *                    left-to-right: 0 (upright), 90 (top to bottom: the page is turned a quarter
 *                    clockwise), 180 (upside down) or 270 (bottom to top)
 * @param words       the line's words in reading order; empty when the reader gives none (a VLM)
 */
public record Line(String text, double score, Quad box, int orientation, List<Word> words) {
    public Line {
        if (text == null) throw new IllegalArgumentException("line text must not be null");
        if (box == null) throw new IllegalArgumentException("line box must not be null");
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("line score must be in [0,1]: " + score);
        if (!Rotation.isRightAngle(orientation)) {
            throw new IllegalArgumentException("orientation must be 0, 90, 180 or 270: " + orientation);
        }
        words = List.copyOf(words);
    }

    /** A line without words. */
    public Line(String text, double score, Quad box, int orientation) {
        this(text, score, box, orientation, List.of());
    }

    public Line withWords(List<Word> newWords) {
        return new Line(text, score, box, orientation, newWords);
    }
}
