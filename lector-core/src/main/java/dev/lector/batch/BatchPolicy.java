package dev.lector.batch;

import java.time.Duration;

/**
 * How one stage's work is grouped into model runs.
 *
 * @param maxBatch      most items in one model run
 * @param maxDelay      longest an item waits for companions before a partial batch runs
 * @param maxConcurrent most model runs of this stage at the same time (e.g. detection of big images)
 */
public record BatchPolicy(int maxBatch, Duration maxDelay, int maxConcurrent) {
    public BatchPolicy {
        if (maxBatch < 1 || maxBatch > 1024) throw new IllegalArgumentException("maxBatch must be in 1..1024: " + maxBatch);
        if (maxDelay == null || maxDelay.isNegative()) throw new IllegalArgumentException("maxDelay must be >= 0: " + maxDelay);
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1: " + maxConcurrent);
    }

    public static BatchPolicy of(int maxBatch, long maxDelayMillis, int maxConcurrent) {
        return new BatchPolicy(maxBatch, Duration.ofMillis(maxDelayMillis), maxConcurrent);
    }
}
