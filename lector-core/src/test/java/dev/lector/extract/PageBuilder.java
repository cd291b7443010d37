package dev.lector.extract;

import dev.lector.geometry.Quad;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.ArrayList;
import java.util.List;

/** Hand-built pages for extraction tests: lines placed at (x, y) with a width from their length. */
final class PageBuilder {

    private final List<Line> lines = new ArrayList<>();
    private final int charWidth;
    private final int height;

    PageBuilder() {
        this(12, 24);
    }

    PageBuilder(int charWidth, int height) {
        this.charWidth = charWidth;
        this.height = height;
    }

    /** A line whose box starts at (x, y); its width is its length times the char width. */
    PageBuilder line(String text, int x, int y) {
        return line(text, x, y, 0.95);
    }

    PageBuilder line(String text, int x, int y, double score) {
        lines.add(new Line(text, score, Quad.ofRect(x, y, Math.max(1, text.length()) * charWidth, height), 0));
        return this;
    }

    /** A line whose box starts at (x, y) with the given width (a recogniser's line whose characters are narrower or wider). */
    PageBuilder wide(String text, int x, int y, int width) {
        lines.add(new Line(text, 0.95, Quad.ofRect(x, y, width, height), 0));
        return this;
    }

    /** Lines one under the other from (x, y), a line and a half apart. */
    PageBuilder stack(int x, int y, String... texts) {
        for (int i = 0; i < texts.length; i++) line(texts[i], x, y + i * (height * 3 / 2));
        return this;
    }

    Page build() {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) idx.add(i);
        List<Block> blocks = lines.isEmpty() ? List.of() : List.of(new Block(BlockKind.PARAGRAPH, Quad.ofRect(0, 0, 10, 10), idx));
        return new Page(1, 1200, 2000, 0, 0, lines, blocks, null, null, null);
    }
}
