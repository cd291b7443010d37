package dev.lector.extract;

import dev.lector.geometry.Quad;
import java.util.List;

/**
 * One extracted field.
 *
 * @param name       the field's name (the template's, or the caller's key)
 * @param value      the text as printed, without its label
 * @param normalized the value in a standard form: ISO 8601 dates, amounts as decimal strings
 *                   (with the currency code after a space where one is known), names trimmed
 * @param confidence in [0, 1]: the recogniser's confidence in the source lines, lowered where the
 *                   label matched only approximately
 * @param box        where the value is on the page (input coordinates, corners clockwise from the
 *                   text's top-left)
 * @param lines      indices into {@code page.lines()} of the lines the value came from
 * @param key        the label text on the page that located the value, or null when none did
 * @param failed     the checks the value failed (empty: valid), e.g. {@code "check_digit"}
 */
public record Field(String name, String value, String normalized, double confidence, Quad box,
                    List<Integer> lines, String key, List<String> failed) {

    public Field {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("field name must not be blank");
        if (value == null) throw new IllegalArgumentException("field value must not be null");
        if (normalized == null) normalized = value;
        if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("field confidence must be in [0,1]: " + confidence);
        if (box == null) throw new IllegalArgumentException("field box must not be null");
        lines = List.copyOf(lines);
        failed = List.copyOf(failed);
    }

    /** Whether every check on the value passed. */
    public boolean valid() {
        return failed.isEmpty();
    }

    /** This field with {@code check} added to the failed checks. */
    public Field withFailed(String check) {
        if (failed.contains(check)) return this;
        List<String> f = new java.util.ArrayList<>(failed);
        f.add(check);
        return new Field(name, value, normalized, confidence, box, lines, key, f);
    }

    public Field withName(String newName) {
        return new Field(newName, value, normalized, confidence, box, lines, key, failed);
    }
}
