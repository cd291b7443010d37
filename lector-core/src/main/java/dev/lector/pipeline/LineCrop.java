package dev.lector.pipeline;

import dev.lector.geometry.Quad;
import dev.lector.image.ImageOps;
import dev.lector.image.PageImage;

/**
 * One line's crop, as the recogniser reads it (in reading order), with the quad it was cut from
 * (the line's box grown along the text) and the line's box itself: the detector's box, grown over
 * any mark {@link LineEnds} found cut off at its ends. Both quads have their corners from the
 * text's own top-left.
 *
 * @param image the crop
 * @param quad  where the crop lies in the page
 * @param line  the line's box
 */
record LineCrop(PageImage image, Quad quad, Quad line) {

    /**
     * The crop of box {@code q} (corners in image order) read as text running in direction
     * {@code orientation}: grown by {@code margin} heights at both ends, or, with {@code search} above
     * it, by as much as the ink found within {@code search} heights beyond each end needs.
     */
    static LineCrop of(PageImage page, Quad q, int orientation, double margin, double search) {
        Quad text = q.startingAt(orientation);
        if (search <= margin || text.height() < 1) {
            Quad grown = clamped(page, text.extendedAlongTop(margin));
            return new LineCrop(cut(page, grown, orientation), grown, text);
        }
        double length = text.width() / text.height();
        PageImage wide = cut(page, text.extendedAlongTop(search, search), orientation);
        LineEnds.Ends e = LineEnds.find(wide, length, search, margin);
        Quad exact = text.extendedAlongTop(e.before(), e.after());
        Quad grown = clamped(page, exact);
        Quad line = e.inkBefore() > 0 || e.inkAfter() > 0 ? clamped(page, text.extendedAlongTop(e.inkBefore(), e.inkAfter())) : text;
        PageImage image;
        if (grown.equals(exact)) {
            // inside the page: the same pixels as a fresh cut, taken from the wide crop's columns
            double px = wide.width() / (length + 2 * search);
            int from = (int) Math.round((search - e.before()) * px), to = (int) Math.round((search + length + e.after()) * px);
            image = ImageOps.columns(wide, Math.max(0, from), Math.min(wide.width(), Math.max(from + 1, to)));
        } else {
            image = cut(page, grown, orientation);
        }
        return new LineCrop(image, grown, line);
    }

    /** The same line read the other way round (the classifier found it upside down). */
    LineCrop turned180() {
        return new LineCrop(ImageOps.rotate180(image), quad.startingAt(180), line.startingAt(180));
    }

    private static Quad clamped(PageImage page, Quad q) {
        return q.shiftedInto(0, 0, page.width(), page.height());
    }

    /** Crops {@code grown} (corners from the text's top-left) upright for text running in direction {@code orientation}. */
    private static PageImage cut(PageImage page, Quad grown, int orientation) {
        return ImageOps.cropText(page, grown.startingAt((360 - orientation) % 360), orientation);
    }
}
