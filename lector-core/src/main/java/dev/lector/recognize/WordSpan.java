package dev.lector.recognize;

/**
 * A word of a recognised line and the part of the crop it covers: along the crop as fractions of
 * its width ({@code 0 <= start < end <= 1}), and across it as fractions of its height, from the
 * top ({@code 0 <= top < bottom <= 1}; 0 and 1 where the word's ink rows are unknown).
 */
public record WordSpan(String text, double score, double start, double end, double top, double bottom) {
    public WordSpan {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("word text must not be blank");
        if (!(0 <= start && start < end && end <= 1)) {
            throw new IllegalArgumentException("word span must satisfy 0 <= start < end <= 1: " + start + ", " + end);
        }
        if (!(0 <= top && top < bottom && bottom <= 1)) {
            throw new IllegalArgumentException("word rows must satisfy 0 <= top < bottom <= 1: " + top + ", " + bottom);
        }
    }

    /** A word over the crop's whole height. */
    public WordSpan(String text, double score, double start, double end) {
        this(text, score, start, end, 0, 1);
    }
}
