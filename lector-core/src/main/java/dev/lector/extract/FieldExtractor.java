package dev.lector.extract;

import dev.lector.result.Page;

/**
 * Finds structured fields on a read page. Implementations are pure functions of the page (no
 * I/O, no clock), immutable and thread-safe.
 */
public interface FieldExtractor {

    /** The fields on {@code page}; never null (an empty extraction when nothing was found). */
    Extraction extract(Page page);

    /** The name reported in {@link Extraction#template()}. */
    String name();

    /**
     * The fields this extractor looks for, by name, in output order; empty when it reports whatever
     * the page holds (form key-value pairs, a machine-readable zone).
     */
    default java.util.List<String> fieldNames() {
        return java.util.List.of();
    }

    /**
     * A value another engine read for field {@code name}, normalised and checked as this extractor
     * checks its own finds ({@code found}: the fields it found on the same page, for checks across
     * fields); null when {@code name} is not one of {@link #fieldNames()}.
     */
    default CheckedValue check(String name, String value, java.util.Map<String, Field> found) {
        return null;
    }
}
