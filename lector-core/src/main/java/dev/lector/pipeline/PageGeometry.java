package dev.lector.pipeline;

import dev.lector.geometry.Quad;
import dev.lector.result.Block;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Moves every box of a page (lines, words, blocks) through one coordinate mapping. Pure. */
final class PageGeometry {
    private PageGeometry() {}

    /** {@code page} with every quad mapped by {@code f} and the page size set to {@code width x height}. */
    static Page mapped(Page page, UnaryOperator<Quad> f, int width, int height) {
        List<Line> lines = new ArrayList<>(page.lines().size());
        for (Line l : page.lines()) {
            List<Word> words = new ArrayList<>(l.words().size());
            for (Word w : l.words()) words.add(new Word(w.text(), w.score(), f.apply(w.box())));
            lines.add(new Line(l.text(), l.score(), f.apply(l.box()), l.orientation(), words));
        }
        List<Block> blocks = new ArrayList<>(page.blocks().size());
        for (Block b : page.blocks()) blocks.add(new Block(b.kind(), f.apply(b.box()), b.lines()));
        return new Page(page.number(), width, height, page.rotation(), page.skew(), lines, blocks, page.timings(),
                page.model(), page.detector());
    }

    /** A page read at 1/{@code factor} of its size, in the coordinates of the full {@code fullWidth x fullHeight} page. */
    static Page scaledUp(Page page, int factor, int fullWidth, int fullHeight) {
        if (factor == 1) return page;
        return mapped(page, q -> q.scaled(factor).shiftedInto(0, 0, fullWidth, fullHeight), fullWidth, fullHeight);
    }
}
