package dev.lector.result;

import dev.lector.geometry.Quad;
import java.util.List;

/**
 * A group of a page's lines read together: a paragraph, a heading, a table.
 *
 * @param kind  what the block is
 * @param box   a box around all its lines, in the input's coordinates, corners clockwise from
 *              the text's own top-left (it follows the page's text direction and skew)
 * @param lines indices into {@link Page#lines()}, ascending and consecutive: a page's blocks cut
 *              its reading order into runs
 */
public record Block(BlockKind kind, Quad box, List<Integer> lines) {
    public Block {
        if (kind == null) throw new IllegalArgumentException("block kind must not be null");
        if (box == null) throw new IllegalArgumentException("block box must not be null");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("a block needs at least one line");
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i) != lines.get(i - 1) + 1) {
                throw new IllegalArgumentException("block line indices must be consecutive: " + lines);
            }
        }
    }

    public int firstLine() {
        return lines.getFirst();
    }

    public int lastLine() {
        return lines.getLast();
    }
}
