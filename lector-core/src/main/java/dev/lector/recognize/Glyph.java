package dev.lector.recognize;

/**
 * One character as CTC decoding kept it, and where the recogniser saw it along the crop.
 *
 * @param text   the character (one dictionary entry; a space for the space class)
 * @param score  its probability at the first time step of its run
 * @param start  where its run of time steps begins, as a fraction of the crop's width
 * @param end    where that run ends (exclusive), likewise; {@code start < end}
 */
public record Glyph(String text, double score, double start, double end) {
    public Glyph {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("glyph text must not be empty");
        if (!(start < end)) throw new IllegalArgumentException("glyph must have start < end: " + start + ", " + end);
    }

    /** The middle of its run: where a CTC peak sits, close to the character's centre. */
    public double centre() {
        return (start + end) / 2;
    }

    public boolean isSpace() {
        return text.isBlank();
    }
}
