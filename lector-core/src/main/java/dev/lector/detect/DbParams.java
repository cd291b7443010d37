package dev.lector.detect;

/**
 * Knobs of DB (differentiable binarisation) detection; defaults are PaddleOCR's.
 *
 * @param limitSidePx   side limit of the detector input, see {@link LimitType}
 * @param limitType     whether the limit caps the longer side or raises the shorter
 * @param thresh        probability above which a pixel is text
 * @param boxThresh     mean probability inside a box below which the box is dropped
 * @param unclipRatio   how far a shrunk text kernel is grown back (area * ratio / perimeter)
 * @param maxCandidates most contours considered
 * @param minSizePx     boxes whose shorter side is below this (map pixels) are dropped
 * @param dilate        dilate the binary map with a 2x2 kernel before finding contours
 */
public record DbParams(int limitSidePx, LimitType limitType, double thresh, double boxThresh, double unclipRatio,
                       int maxCandidates, int minSizePx, boolean dilate) {

    public static final DbParams DEFAULT = new DbParams(960, LimitType.MAX, 0.3, 0.6, 1.5, 1000, 3, false);

    public DbParams {
        if (limitSidePx < 32 || limitSidePx > 8192) {
            throw new IllegalArgumentException("det limit side must be in 32..8192 px: " + limitSidePx);
        }
        if (limitType == null) throw new IllegalArgumentException("limitType must not be null");
        if (!(thresh > 0 && thresh < 1)) throw new IllegalArgumentException("thresh must be in (0,1): " + thresh);
        if (!(boxThresh >= 0 && boxThresh < 1)) throw new IllegalArgumentException("boxThresh must be in [0,1): " + boxThresh);
        if (!(unclipRatio > 0 && unclipRatio <= 10)) throw new IllegalArgumentException("unclipRatio must be in (0,10]: " + unclipRatio);
        if (maxCandidates < 1) throw new IllegalArgumentException("maxCandidates must be >= 1: " + maxCandidates);
        if (minSizePx < 1) throw new IllegalArgumentException("minSizePx must be >= 1: " + minSizePx);
    }

    public DbParams withBoxThresh(double t) {
        return new DbParams(limitSidePx, limitType, thresh, t, unclipRatio, maxCandidates, minSizePx, dilate);
    }

    public DbParams withUnclipRatio(double r) {
        return new DbParams(limitSidePx, limitType, thresh, boxThresh, r, maxCandidates, minSizePx, dilate);
    }

    public DbParams withLimit(int side, LimitType type) {
        return new DbParams(side, type, thresh, boxThresh, unclipRatio, maxCandidates, minSizePx, dilate);
    }
}
