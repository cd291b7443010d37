package dev.lector.recognize;

/** Text read from one line crop, with the mean confidence of its characters (0 when empty). */
public record Recognized(String text, double score) {
    public Recognized {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score must be in [0,1]: " + score);
    }
}
