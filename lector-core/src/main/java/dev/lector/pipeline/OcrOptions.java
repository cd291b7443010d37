package dev.lector.pipeline;

import dev.lector.detect.DbParams;
import dev.lector.detect.LimitType;

/**
 * Per-request options; a parameter of every call, never engine state.
 *
 * @param classify      run the 0/180 line orientation classifier
 * @param detLimitSidePx detector input side limit
 * @param detLimitType  whether the limit caps the longer side or raises the shorter
 * @param dropScore     lines whose recognition confidence is below this are left out
 */
public record OcrOptions(boolean classify, int detLimitSidePx, LimitType detLimitType, double dropScore) {

    public static final OcrOptions DEFAULT = new OcrOptions(true, DbParams.DEFAULT.limitSidePx(),
            DbParams.DEFAULT.limitType(), 0.5);

    public OcrOptions {
        if (detLimitSidePx < 32 || detLimitSidePx > 8192) {
            throw new IllegalArgumentException("det_limit_side must be in 32..8192 px: " + detLimitSidePx);
        }
        if (detLimitType == null) throw new IllegalArgumentException("det limit type must not be null");
        if (!(dropScore >= 0 && dropScore <= 1)) throw new IllegalArgumentException("drop score must be in [0,1]: " + dropScore);
    }

    public OcrOptions withClassify(boolean on) {
        return new OcrOptions(on, detLimitSidePx, detLimitType, dropScore);
    }

    public OcrOptions withDetLimit(int side, LimitType type) {
        return new OcrOptions(classify, side, type, dropScore);
    }

    public OcrOptions withDropScore(double s) {
        return new OcrOptions(classify, detLimitSidePx, detLimitType, s);
    }

    DbParams dbParams(DbParams base) {
        return base.withLimit(detLimitSidePx, detLimitType);
    }
}
