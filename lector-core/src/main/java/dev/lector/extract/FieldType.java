package dev.lector.extract;

import java.util.Locale;

/** What a field's value is, which decides how it is found in text and normalised. */
public enum FieldType {
    /** Free text: the rest of the line (or the lines) after the label. */
    TEXT,
    /** A person's or company's name: text, trimmed of stray punctuation. */
    NAME,
    /** A date, normalised to ISO 8601. */
    DATE,
    /** A money amount, normalised to a decimal string with the currency code where known. */
    AMOUNT,
    /** A number (quantity, count), normalised to a decimal string. */
    NUMBER,
    /** An identifier: letters, digits and {@code - / .}, at least 3 characters with a digit. */
    ID,
    /** Sex: M or F (from M/F, male/female, 男/女). */
    SEX;

    public static FieldType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + s + "': use text, name, date, amount, number, id or sex");
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
