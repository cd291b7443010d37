package dev.lector.result;

import java.util.Locale;

/** What a block of lines is; its JSON name is the lower-case constant name. */
public enum BlockKind {
    /** Running text: rows of lines not separated by more than a line height of white space. */
    PARAGRAPH,
    /** A single row of text clearly taller than the page's body text. */
    HEADING,
    /**
     * Rows of cells (a table, the item lines of a receipt): each row holds two or more lines
     * separated by wide gaps. The block's lines are listed row by row, cells left to right.
     */
    TABLE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for a JSON name, or an exception naming the valid ones. */
    public static BlockKind fromJsonName(String name) {
        for (BlockKind k : values()) {
            if (k.jsonName().equals(name)) return k;
        }
        throw new IllegalArgumentException("unknown block kind '" + name + "': paragraph, heading or table");
    }
}
