package dev.lector.result;

import java.util.List;

/**
 * One page read: an image, or one page of a PDF or multi-page TIFF.
 *
 * @param number   the page's own 1-based number in its file (1 for a single image), whatever
 *                 pages were selected
 * @param width    width of the input as stored, in pixels (a PDF page: as rendered)
 * @param height   height likewise
 * @param rotation how far the page's text is turned in the stored input, in degrees clockwise
 *                 (0, 90, 180, 270); Lector read it turned back upright. Coordinates are never
 *                 turned: they refer to the input as stored
 * @param skew     the text's remaining slant in degrees (clockwise positive, about -45..45)
 *                 once {@code rotation} is undone
 * @param lines    the lines in reading order
 * @param blocks   the lines grouped: consecutive runs of {@code lines} that together cover every
 *                 line once, in order
 * @param timings  time spent per stage
 * @param model    the models that read it
 * @param detector what the detector saw, or null where no detector ran
 */
public record Page(int number, int width, int height, int rotation, double skew, List<Line> lines,
                   List<Block> blocks, StageTimings timings, ModelInfo model, DetectorInput detector) {

    public Page {
        if (number < 1) throw new IllegalArgumentException("page number must be >= 1: " + number);
        if (width < 1 || height < 1) throw new IllegalArgumentException("page size must be positive: " + width + "x" + height);
        if (!Rotation.isRightAngle(rotation)) throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270: " + rotation);
        if (!Double.isFinite(skew)) throw new IllegalArgumentException("skew must be finite: " + skew);
        lines = List.copyOf(lines);
        blocks = List.copyOf(blocks);
        if (timings == null) timings = StageTimings.ZERO;
        int next = 0;
        for (Block b : blocks) {
            if (b.firstLine() != next) {
                throw new IllegalArgumentException("blocks must cover the lines in order: block starts at line "
                        + b.firstLine() + ", expected " + next);
            }
            next = b.lastLine() + 1;
        }
        if (next != lines.size()) {
            throw new IllegalArgumentException("blocks cover " + next + " of " + lines.size() + " lines");
        }
    }

    /** The lines of {@code block}, in reading order. */
    public List<Line> linesOf(Block block) {
        return lines.subList(block.firstLine(), block.lastLine() + 1);
    }

    /** The page's text in reading order: lines joined by a newline, blocks by a blank line. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            if (!sb.isEmpty()) sb.append("\n\n");
            List<Line> ls = linesOf(b);
            for (int i = 0; i < ls.size(); i++) {
                if (i > 0) sb.append('\n');
                sb.append(ls.get(i).text());
            }
        }
        return sb.toString();
    }

    public Page withTimings(StageTimings t) {
        return new Page(number, width, height, rotation, skew, lines, blocks, t, model, detector);
    }

    public Page withNumber(int n) {
        return new Page(n, width, height, rotation, skew, lines, blocks, timings, model, detector);
    }
}
