package dev.lector.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which order of the ground-truth lines makes a page's reference text. */
public enum ReferenceOrder {
    /** The order of the lines in the labels file: right where the labels follow reading order. */
    @JsonProperty("file")
    FILE,
    /**
     * The ground-truth boxes put in order by {@link dev.lector.layout.ReadingOrder}: for sets whose
     * files list lines in annotation order (SROIE lists some receipts column by column) or row
     * order across columns (DocBank), so that page CER measures recognition, not their order.
     */
    @JsonProperty("layout")
    LAYOUT
}
