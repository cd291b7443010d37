package dev.lector.render;

import dev.lector.geometry.Point;
import dev.lector.result.Block;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.Locale;

/**
 * Tab-separated values, one row per line: {@code image page block line score points text}, where
 * {@code points} is {@code x1,y1,...,x4,y4} (whole pixels, clockwise from the text's top-left),
 * {@code block} and {@code line} are 0-based indices into the page's blocks and lines, and tabs or
 * newlines inside the text become spaces.
 */
public final class TsvRenderer {
    public static final String HEADER = "image\tpage\tblock\tline\tscore\tpoints\ttext";

    private TsvRenderer() {}

    /** The rows of one page (each ending with a newline), no header. */
    public static String rows(String image, Page page) {
        StringBuilder sb = new StringBuilder();
        String name = clean(image);
        for (int b = 0; b < page.blocks().size(); b++) {
            Block block = page.blocks().get(b);
            for (int i : block.lines()) {
                Line l = page.lines().get(i);
                sb.append(name).append('\t').append(page.number()).append('\t').append(b).append('\t').append(i)
                        .append('\t').append(String.format(Locale.ROOT, "%.4f", l.score())).append('\t');
                boolean first = true;
                for (Point p : l.box().corners()) {
                    if (!first) sb.append(',');
                    sb.append(Math.round(p.x())).append(',').append(Math.round(p.y()));
                    first = false;
                }
                sb.append('\t').append(clean(l.text())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
