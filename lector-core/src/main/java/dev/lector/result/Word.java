package dev.lector.result;

import dev.lector.geometry.Quad;

/**
 * One word of a line: a run of characters between spaces, or a single CJK character (see
 * {@code dev.lector.recognize.WordSplitter}).
 *
 * @param text  the word's characters, never blank
 * @param score mean CTC confidence of its characters, in [0, 1]
 * @param box   where the word is in the input as stored, corners clockwise from the text's own
 *              top-left; it lies inside its line's box
 */
public record Word(String text, double score, Quad box) {
    public Word {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("word text must not be blank");
        if (box == null) throw new IllegalArgumentException("word box must not be null");
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("word score must be in [0,1]: " + score);
    }
}
