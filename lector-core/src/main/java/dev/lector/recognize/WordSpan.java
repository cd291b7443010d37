package dev.lector.recognize;

/**
 * A word of a recognised line and the part of the crop it covers, as fractions of the crop's
 * width ({@code 0 <= start < end <= 1}).
 */
public record WordSpan(String text, double score, double start, double end) {
    public WordSpan {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("word text must not be blank");
        if (!(0 <= start && start < end && end <= 1)) {
            throw new IllegalArgumentException("word span must satisfy 0 <= start < end <= 1: " + start + ", " + end);
        }
    }
}
