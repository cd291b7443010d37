package dev.lector.render;

import dev.lector.result.Document;

/**
 * Plain text: each page in reading order (lines joined by a newline, blocks by a blank line),
 * pages separated by a form feed on a line of its own, ending with a newline.
 */
public final class TextRenderer {
    private TextRenderer() {}

    public static String render(Document doc) {
        return doc.text() + "\n";
    }
}
