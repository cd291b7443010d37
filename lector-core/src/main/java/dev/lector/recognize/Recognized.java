package dev.lector.recognize;

import java.util.List;

/**
 * Text read from one line crop, with the mean confidence of its characters (0 when empty) and
 * the characters one by one with their places along the crop ({@code glyphs} concatenated give
 * {@code text}), the basis for word boxes.
 */
public record Recognized(String text, double score, List<Glyph> glyphs) {
    public Recognized {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score must be in [0,1]: " + score);
        glyphs = List.copyOf(glyphs);
    }

    /** Text without character positions. */
    public Recognized(String text, double score) {
        this(text, score, List.of());
    }
}
