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
}
