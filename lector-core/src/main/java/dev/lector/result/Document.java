package dev.lector.result;

import java.util.List;

/**
 * What Lector read from one input: its pages in file order (only the selected ones for a PDF or
 * multi-page TIFF). Immutable; every output format renders from it ({@code dev.lector.render}).
 */
public record Document(List<Page> pages) {

    /** Separates pages in {@link #text()}: a form feed on a line of its own. */
    public static final String PAGE_SEPARATOR = "\n\f\n";

    public Document {
        pages = List.copyOf(pages);
    }

    public static Document of(Page page) {
        return new Document(List.of(page));
    }

    /** Every page's text in order, separated by {@link #PAGE_SEPARATOR}. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Page p : pages) {
            if (!sb.isEmpty()) sb.append(PAGE_SEPARATOR);
            sb.append(p.text());
        }
        return sb.toString();
    }
}
