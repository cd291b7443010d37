package dev.lector.extract;

import java.util.List;

/**
 * A field value that another engine read (a vision-language model gives a value, no box or line),
 * normalised and checked the way the extractor checks its own finds: the value must read as the
 * field's type (a date, an amount, an ID...) and pass the field's validators.
 *
 * @param name       the field's name
 * @param value      the value as the other engine gave it (trimmed)
 * @param normalized the value in the extractor's standard form (ISO dates, decimal amounts)
 * @param failed     the checks it failed ({@code format} when it does not read as the field's type);
 *                   empty when valid
 */
public record CheckedValue(String name, String value, String normalized, List<String> failed) {

    public CheckedValue {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("field name must not be blank");
        if (value == null) throw new IllegalArgumentException("field value must not be null");
        if (normalized == null) normalized = value;
        failed = List.copyOf(failed);
    }

    public boolean valid() {
        return failed.isEmpty();
    }
}
