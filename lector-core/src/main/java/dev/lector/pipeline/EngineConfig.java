package dev.lector.pipeline;

import dev.lector.backend.Device;
import dev.lector.batch.BatchPolicy;
import dev.lector.detect.DbParams;
import dev.lector.image.ImageLimits;

/**
 * Everything an {@link OcrEngine} is built from, validated up front.
 *
 * @param models          model files
 * @param backend         backend provider name, or null for the first found
 * @param device          where models run
 * @param workers         inference workers (model runs in parallel); each runs single-threaded on the CPU
 * @param recPolicy       batching of recognition across lines and requests
 * @param clsPolicy       batching of the orientation classifier
 * @param detPolicy       detection: batch 1, bounded concurrent pages
 * @param maxPendingPages pages admitted at once (queued or running); more are refused
 * @param maxPixelsInFlight pixels of the pages decoded and read at once; more wait (a page above it runs alone)
 * @param limits          decoder limits
 * @param db              detection knobs other than the per-request side limit
 * @param clsThreshold    a line is turned only when the classifier says 180 with at least this probability
 * @param warmUp          run one small page at start so the first request is not slow
 * @param rewriteGraphs   let the backend load each model as an equivalent, faster graph (folded
 *                        batch norms and affine blocks, fused hard-swish); off runs the files as they are
 * @param int8Recognition run the recogniser's pointwise convolutions in INT8 on the CPU, calibrated at
 *                        load on text lines drawn from its dictionary (not exact; see README for accuracy)
 * @param calibration     INT8 calibrations made by {@code lector calibrate} on the user's pages, or null: a
 *                        model whose entry passed its check runs in INT8 (the detector only this way)
 * @param detThreads      CPU threads of each detector run; 0: the workers' share of one of the
 *                        detections that may run at once ({@code workers / det concurrency})
 */
public record EngineConfig(ModelSet models, String backend, Device device, int workers, BatchPolicy recPolicy,
                           BatchPolicy clsPolicy, BatchPolicy detPolicy, int maxPendingPages, long maxPixelsInFlight, ImageLimits limits,
                           DbParams db, double clsThreshold, boolean warmUp, boolean rewriteGraphs,
                           boolean int8Recognition, CalibrationFile calibration, int detThreads) {

    public EngineConfig {
        if (models == null) throw new IllegalArgumentException("models must not be null");
        if (device == null) throw new IllegalArgumentException("device must not be null");
        if (workers < 1 || workers > 256) throw new IllegalArgumentException("workers must be in 1..256: " + workers);
        if (maxPendingPages < 1) throw new IllegalArgumentException("maxPendingPages must be >= 1: " + maxPendingPages);
        if (maxPixelsInFlight < 1) throw new IllegalArgumentException("maxPixelsInFlight must be >= 1: " + maxPixelsInFlight);
        if (!(clsThreshold >= 0 && clsThreshold <= 1)) throw new IllegalArgumentException("clsThreshold must be in [0,1]");
        if (detThreads < 0 || detThreads > 256) throw new IllegalArgumentException("detThreads must be in 0..256: " + detThreads);
    }

    /**
     * 40 megapixels: a page costs about 3 bytes a pixel in Java memory and as much again natively
     * while it is decoded, so this keeps a burst of large scans (SROIE has 35-megapixel receipts)
     * to one at a time beside many small pages, within the launcher's 384 MB heap.
     */
    public static final long DEFAULT_PIXELS_IN_FLIGHT = 40_000_000L;

    /**
     * Defaults for this machine: one single-threaded worker per core, embedded models. On a CPU a
     * model run costs more per line in bigger batches (cache pressure; measured on the 2-core
     * machines: rec batch 6 ~1.3x slower per receipt than batch 1, cls 16 ~1.6x slower per crop
     * than 6), so recognition runs one line at a time and the cores are kept busy by running lines
     * in parallel instead. Batching across requests pays on a GPU: raise {@code recPolicy} there.
     */
    public static EngineConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new EngineConfig(ModelSet.EMBEDDED, null, new Device.Cpu(1), cores,
                BatchPolicy.of(1, 0, cores), BatchPolicy.of(6, 0, cores), BatchPolicy.of(1, 0, Math.max(1, cores / 2)),
                256, DEFAULT_PIXELS_IN_FLIGHT, ImageLimits.DEFAULT, DbParams.DEFAULT, 0.9, true, true, true, null, 0);
    }

    public EngineConfig withModels(ModelSet m) {
        return new EngineConfig(m, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withDevice(Device d) {
        return new EngineConfig(models, backend, d, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withWorkers(int n) {
        return new EngineConfig(models, backend, device, n, recPolicy, clsPolicy,
                new BatchPolicy(detPolicy.maxBatch(), detPolicy.maxDelay(), Math.min(detPolicy.maxConcurrent(), n)),
                maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    /**
     * Most pages detected at the same time. Each concurrent detection holds its own activations in
     * the runtime's arena (about 140 MB at 960 px), and one detection at a time already overlaps
     * the recognition of other pages, so the default is half the cores.
     */
    public EngineConfig withDetConcurrency(int n) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy,
                new BatchPolicy(detPolicy.maxBatch(), detPolicy.maxDelay(), n), maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withRecPolicy(BatchPolicy p) {
        return new EngineConfig(models, backend, device, workers, p, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withClsPolicy(BatchPolicy p) {
        return new EngineConfig(models, backend, device, workers, recPolicy, p, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withMaxPixelsInFlight(long n) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, n, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withMaxPendingPages(int n) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, n, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withLimits(ImageLimits l) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, l, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withDb(DbParams d) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, d, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withWarmUp(boolean w) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, w, rewriteGraphs, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withRewriteGraphs(boolean r) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, r, int8Recognition, calibration, detThreads);
    }

    public EngineConfig withInt8Recognition(boolean q) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, q, calibration, detThreads);
    }

    /** CPU threads of each detector run; 0 (the default): {@code workers / det concurrency}. */
    public EngineConfig withDetThreads(int n) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, calibration, n);
    }

    public EngineConfig withCalibration(CalibrationFile c) {
        return new EngineConfig(models, backend, device, workers, recPolicy, clsPolicy, detPolicy, maxPendingPages, maxPixelsInFlight, limits, db, clsThreshold, warmUp, rewriteGraphs, int8Recognition, c, detThreads);
    }
}
