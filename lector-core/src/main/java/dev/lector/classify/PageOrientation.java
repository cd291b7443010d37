package dev.lector.classify;

import java.util.List;

/**
 * Decides which way a page is turned from its lines: each line votes for the direction its text
 * runs in (0, 90, 180, 270 degrees clockwise), weighted by its length along the text and by how
 * sure that direction is: how clearly its box is longer than high (boxes about as long as high
 * cannot tell 0 from 90) times the line classifier's confidence in its 0/180 call. No model for
 * page orientation can be had here, and this needs none: it reuses the detector's boxes and the
 * line classifier that runs anyway, at no extra inference.
 *
 * <p>The page's rotation is the direction with the most weight, when it has more than half of it.
 * When it has more than {@value #DECISIVE_SHARE} of it and at least {@value #MIN_VOTERS} lines
 * vote (a page, not a lone line whose one uncertain call would decide alone), lines that disagree only because they could not tell
 * (an ambiguous box) or by a half turn (a classifier slip on a short line) are read along the
 * page's direction instead ({@link #adopt}). Pure; thread-safe.
 */
public final class PageOrientation {
    /** Share of the vote weight the winning direction needs before lines are turned to follow it. */
    public static final double DECISIVE_SHARE = 0.6;
    /** A box this much longer along one axis than the other says on its own whether its text is vertical. */
    public static final double CLEAR_ASPECT = 1.5;
    /** Lines with a say (non-zero weight) a page needs before its direction overrides any line's. */
    public static final int MIN_VOTERS = 3;

    private PageOrientation() {}

    /**
     * One line's vote.
     *
     * @param orientation the direction the line is read in now (0, 90, 180, 270)
     * @param length      its length along the text, in pixels
     * @param aspect      its box's long side over its short side (>= 1)
     * @param flipScore   the line classifier's probability for the 0/180 call made (0.5 when unknown)
     */
    public record Vote(int orientation, double length, double aspect, double flipScore) {}

    /** The decision: the page's rotation (0 when undecided) and whether it is decisive enough to turn lines. */
    public record Decision(int rotation, boolean decisive) {
        public static final Decision NONE = new Decision(0, false);
    }

    public static Decision decide(List<Vote> votes) {
        Tally t = Tally.of(votes);
        if (t.total() <= 0) return Decision.NONE;
        int best = t.best();
        double share = t.weight()[best] / t.total();
        if (share <= 0.5) return Decision.NONE;
        return new Decision(best * 90, share >= DECISIVE_SHARE && t.voters() >= MIN_VOTERS);
    }

    /** The votes' weight per direction (0, 90, 180, 270 / 90), their sum, and how many lines have a say. */
    private record Tally(double[] weight, double total, int voters) {
        static Tally of(List<Vote> votes) {
            double[] weight = new double[4];
            double total = 0;
            int voters = 0;
            for (Vote v : votes) {
                double w = v.length() * axisConfidence(v.aspect()) * Math.max(0, 2 * v.flipScore() - 1);
                weight[v.orientation() / 90] += w;
                total += w;
                if (w > 0) voters++;
            }
            return new Tally(weight, total, voters);
        }

        /** The direction with the most weight (the first of equals). */
        int best() {
            int best = 0;
            for (int k = 1; k < 4; k++) {
                if (weight[k] > weight[best]) best = k;
            }
            return best;
        }
    }

    /** The most weight a line's vote can have: its length times {@link #axisConfidence}, with a sure call. */
    public static double mostWeight(double length, double aspect) {
        return length * axisConfidence(aspect);
    }

    /**
     * Whether {@code votes} decide the page whatever lines not heard yet say, lines whose
     * {@link #mostWeight}s add up to {@code unheard}: {@link #decide} on them is decisive, and stays
     * decisive for the same direction even if all of that weight went to another. Then deciding on
     * every line gives the same {@link Decision}, and {@link #adopt} the same direction for each line
     * along the page's axis or with an ambiguous box, whatever its own call.
     */
    public static boolean settled(List<Vote> votes, double unheard) {
        Tally t = Tally.of(votes);
        double best = t.weight()[t.best()];
        // a hair of margin: the full decision sums the same weights in another order
        return t.voters() >= MIN_VOTERS && best > 0 && best >= DECISIVE_SHARE * (t.total() + unheard) * (1 + 1e-9);
    }

    /** 0 for a square box, rising to 1 at {@link #CLEAR_ASPECT}. */
    static double axisConfidence(double aspect) {
        return Math.max(0, Math.min(1, (aspect - 1) / (CLEAR_ASPECT - 1)));
    }

    /**
     * The direction a line should be read in on a page decided as {@code page}: the page's own
     * when the line's box cannot tell vertical from horizontal or when the line differs from the
     * page by a half turn only; otherwise (clearly vertical text on an upright page, say) its own.
     */
    public static int adopt(Decision page, int lineOrientation, double aspect) {
        if (!page.decisive() || lineOrientation == page.rotation()) return lineOrientation;
        return followsPage(page.rotation(), lineOrientation, aspect) ? page.rotation() : lineOrientation;
    }

    /**
     * Whether a line read in direction {@code lineOrientation} (its own call made or not) takes a
     * decisive page's direction {@code pageRotation}: it lies along the page's axis, or its box
     * cannot tell vertical from horizontal. A line for which this is false keeps its own direction,
     * so only its own classifier call can decide it.
     */
    public static boolean followsPage(int pageRotation, int lineOrientation, double aspect) {
        return (lineOrientation - pageRotation) % 180 == 0 || aspect < CLEAR_ASPECT;
    }
}
