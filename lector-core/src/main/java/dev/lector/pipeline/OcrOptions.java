package dev.lector.pipeline;

import dev.lector.detect.DbParams;
import dev.lector.detect.LimitType;
import dev.lector.image.Preprocess;

/**
 * Per-request options; a parameter of every call, never engine state.
 *
 * @param classify      run the 0/180 line orientation classifier
 * @param detLimitSidePx detector input side limit
 * @param detLimitType  whether the limit caps the longer side or raises the shorter
 * @param dropScore     lines whose recognition confidence is below this are left out
 * @param padPx         white margin put around a page that fits the detector's side limit (a tight
 *                      crop of one line) before detection, so that text touching its edge is found
 *                      whole; boxes come back in the page's own coordinates
 * @param cropMargin    each line's crop is grown along the text by this fraction of its height at
 *                      both ends, so that glyphs the box cut short (a trailing 。) reach the recognizer
 * @param pageOrientation decide whether the page is turned 90/180/270 degrees from its lines and read
 *                      every line along the page's direction ({@link dev.lector.classify.PageOrientation});
 *                      off, each line is read as its own box and classifier say
 * @param preprocess    clean-up applied to the page before detection and recognition
 * @param endSearch     how far beyond each end of a line's box, in line heights, to look for ink the
 *                      box cut off (a final 。 or ，, a leading （): the crop then grows to take it in
 *                      ({@link LineEnds}); at most {@code cropMargin}: no search
 */
public record OcrOptions(boolean classify, int detLimitSidePx, LimitType detLimitType, double dropScore, int padPx,
                         double cropMargin, boolean pageOrientation, Preprocess preprocess, double endSearch) {

    public static final int DEFAULT_PAD_PX = 50;
    public static final double DEFAULT_CROP_MARGIN = 0.15;
    public static final double DEFAULT_END_SEARCH = 1.0;
    public static final OcrOptions DEFAULT = new OcrOptions(true, DbParams.DEFAULT.limitSidePx(),
            DbParams.DEFAULT.limitType(), 0.5, DEFAULT_PAD_PX, DEFAULT_CROP_MARGIN, true, Preprocess.NONE, DEFAULT_END_SEARCH);

    /** Options with the default end search. */
    public OcrOptions(boolean classify, int detLimitSidePx, LimitType detLimitType, double dropScore, int padPx,
                      double cropMargin, boolean pageOrientation, Preprocess preprocess) {
        this(classify, detLimitSidePx, detLimitType, dropScore, padPx, cropMargin, pageOrientation, preprocess, DEFAULT_END_SEARCH);
    }

    public OcrOptions {
        if (detLimitSidePx < 32 || detLimitSidePx > 8192) {
            throw new IllegalArgumentException("det_limit_side must be in 32..8192 px: " + detLimitSidePx);
        }
        if (detLimitType == null) throw new IllegalArgumentException("det limit type must not be null");
        if (!(dropScore >= 0 && dropScore <= 1)) throw new IllegalArgumentException("drop score must be in [0,1]: " + dropScore);
        if (padPx < 0 || padPx > 1000) throw new IllegalArgumentException("pad must be in 0..1000 px: " + padPx);
        if (!(cropMargin >= 0 && cropMargin <= 2)) throw new IllegalArgumentException("crop margin must be in [0,2]: " + cropMargin);
        if (preprocess == null) throw new IllegalArgumentException("preprocess must not be null");
        if (!(endSearch >= 0 && endSearch <= 4)) throw new IllegalArgumentException("end search must be in [0,4] line heights: " + endSearch);
    }

    public OcrOptions withClassify(boolean on) {
        return new OcrOptions(on, detLimitSidePx, detLimitType, dropScore, padPx, cropMargin, pageOrientation, preprocess, endSearch);
    }

    public OcrOptions withDetLimit(int side, LimitType type) {
        return new OcrOptions(classify, side, type, dropScore, padPx, cropMargin, pageOrientation, preprocess, endSearch);
    }

    public OcrOptions withDropScore(double s) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, s, padPx, cropMargin, pageOrientation, preprocess, endSearch);
    }

    public OcrOptions withPad(int px) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, dropScore, px, cropMargin, pageOrientation, preprocess, endSearch);
    }

    public OcrOptions withCropMargin(double m) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, dropScore, padPx, m, pageOrientation, preprocess, endSearch);
    }

    public OcrOptions withPageOrientation(boolean on) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, dropScore, padPx, cropMargin, on, preprocess, endSearch);
    }

    public OcrOptions withPreprocess(Preprocess p) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, dropScore, padPx, cropMargin, pageOrientation, p, endSearch);
    }

    public OcrOptions withEndSearch(double heights) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, dropScore, padPx, cropMargin, pageOrientation, preprocess, heights);
    }

    DbParams dbParams(DbParams base) {
        return base.withLimit(detLimitSidePx, detLimitType);
    }
}
