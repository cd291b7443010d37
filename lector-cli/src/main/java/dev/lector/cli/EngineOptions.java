package dev.lector.cli;

import dev.lector.backend.Device;
import dev.lector.backend.ModelSource;
import dev.lector.batch.BatchPolicy;
import dev.lector.detect.LimitType;
import dev.lector.image.ImageLimits;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.ModelSet;
import dev.lector.pipeline.OcrOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that builds an engine: models, device, threads, limits. */
public final class EngineOptions {

    @Option(names = "--det-model", paramLabel = "FILE", converter = OptionValues.ReadableFile.class,
            description = "Detection model (ONNX); default: embedded PP-OCRv4 det.")
    Path detModel;

    @Option(names = "--rec-model", paramLabel = "FILE", converter = OptionValues.ReadableFile.class,
            description = "Recognition model (ONNX); default: embedded PP-OCRv4 rec.")
    Path recModel;

    @Option(names = "--cls-model", paramLabel = "FILE", converter = OptionValues.ReadableFile.class,
            description = "Line orientation classifier (ONNX); default: embedded.")
    Path clsModel;

    @Option(names = "--dict", paramLabel = "FILE", converter = OptionValues.ReadableFile.class,
            description = "Dictionary of the recognition model, one character per line.")
    Path dict;

    @Option(names = "--threads", paramLabel = "N", converter = OptionValues.AtLeastOne.class,
            description = "Inference threads (parallel model runs); default: number of cores.")
    Integer threads;

    @Option(names = "--intra-op", paramLabel = "N", defaultValue = "1",
            converter = OptionValues.AtLeastOne.class,
            description = "Threads inside one model run (default ${DEFAULT-VALUE}: parallel single-threaded runs are faster on a CPU).")
    int intraOp;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", converter = OptionValues.DeviceName.class,
            description = "cpu, cuda[:N] or tensorrt[:N] (GPU build only; falls back to the CPU).")
    String device;

    @Option(names = "--no-graph-rewrite",
            description = "Load the models as they are, without folding their batch norms and affine blocks into convolutions or fusing hard-swish (slower; same results to float rounding).")
    boolean noGraphRewrite;

    @Option(names = "--no-int8",
            description = "Run the recogniser in float everywhere; by default its 1x1 convolutions run in INT8 on the CPU, calibrated at load on drawn text lines.")
    boolean noInt8;

    @Option(names = "--calibration", paramLabel = "FILE", converter = OptionValues.ReadableFile.class,
            description = "INT8 calibration made by `lector calibrate` on your pages: the detector (and recogniser) run in INT8 where it passed its check.")
    Path calibration;

    @Option(names = "--det-concurrency", paramLabel = "N",
            converter = OptionValues.AtLeastOne.class,
            description = "Most pages detected at once (default: half the cores, at least 1; each holds its own working memory).")
    Integer detConcurrency;

    @Option(names = "--det-threads", paramLabel = "N", converter = OptionValues.AtLeastOne.class,
            description = "CPU threads of each detection (default: the workers over --det-concurrency, 2 on most machines).")
    Integer detThreads;

    @Option(names = "--rec-batch", paramLabel = "N", defaultValue = "1", converter = OptionValues.AtLeastOne.class,
            description = "Most text lines per recognition run (default ${DEFAULT-VALUE}).")
    int recBatch;

    @Option(names = "--batch-delay-ms", paramLabel = "MS", defaultValue = "0",
            converter = OptionValues.NonNegativeLong.class,
            description = "Longest a line waits for others to share a recognition run (default ${DEFAULT-VALUE}).")
    long batchDelayMs;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            converter = OptionValues.PositiveLong.class,
            description = "Refuse images above this many pixels (checked before decoding; default ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--full-res-side", paramLabel = "PX", defaultValue = "3200",
            converter = OptionValues.AtLeastZero.class,
            description = "A JPEG at least twice this on its longer side is decoded at 1/2, 1/4 or 1/8, keeping at least this (0: never; default ${DEFAULT-VALUE}).")
    int fullResSide;

    @Option(names = "--dpi", defaultValue = "200", paramLabel = "DPI", converter = OptionValues.Dpi.class,
            description = "Resolution PDF pages are rendered at (default ${DEFAULT-VALUE}).")
    int dpi;

    @Option(names = "--no-cls", description = "Do not run the line orientation classifier.")
    boolean noCls;

    @Option(names = "--no-page-orientation",
            description = "Do not decide whether the page is turned 90/180/270 degrees; read each line as its own box and classifier say.")
    boolean noPageOrientation;

    @Option(names = "--preprocess", defaultValue = "none", paramLabel = "PRESET",
            converter = OptionValues.PreprocessName.class,
            description = "Clean up the page first: none, gray, clahe (even out light), sauvola (binarise), denoise (default ${DEFAULT-VALUE}).")
    String preprocess;

    @Option(names = "--det-limit-side", paramLabel = "PX", defaultValue = "960",
            converter = OptionValues.DetSide.class,
            description = "Detector input side limit in pixels (default ${DEFAULT-VALUE}).")
    int detLimitSide;

    @Option(names = "--det-limit-type", defaultValue = "max", paramLabel = "max|min",
            converter = OptionValues.LimitType.class,
            description = "max: cap the longer side at the limit; min: raise the shorter side to it (default ${DEFAULT-VALUE}).")
    String detLimitType;

    @Option(names = "--pad", paramLabel = "PX", defaultValue = "50",
            converter = OptionValues.Pad.class,
            description = "White margin put around a page that fits the detector's side limit (a tight crop of a line), so text at its edge is found (default ${DEFAULT-VALUE}).")
    int padPx;

    @Option(names = "--crop-margin", paramLabel = "R", defaultValue = "0.15",
            converter = OptionValues.CropMargin.class,
            description = "Grow each line's crop along the text by R x its height at both ends (default ${DEFAULT-VALUE}).")
    double cropMargin;

    @Option(names = "--end-search", paramLabel = "R", defaultValue = "1.0", converter = OptionValues.EndSearch.class,
            description = "Look up to R x a line's height beyond each end of its box for marks the box cut off (a final 。 or ，), and read them too; 0: off (default ${DEFAULT-VALUE}).")
    double endSearch;

    @Option(names = "--unclip-ratio", paramLabel = "R", converter = OptionValues.UnclipRatio.class,
            description = "How far DB text kernels are grown back into boxes (default 1.5).")
    Double unclipRatio;

    @Option(names = "--box-thresh", paramLabel = "P", converter = OptionValues.BoxThresh.class,
            description = "Mean text probability a box needs to be kept (default 0.6).")
    Double boxThresh;

    @Option(names = "--drop-score", defaultValue = "0.5", paramLabel = "P", converter = OptionValues.Probability.class,
            description = "Leave out lines recognised with lower confidence (default ${DEFAULT-VALUE}).")
    double dropScore;

    public EngineConfig engineConfig() {
        EngineConfig base = EngineConfig.defaults();
        ModelSet models = base.models();
        if (detModel != null) models = models.withDet(new ModelSource.File(detModel));
        if (recModel != null) models = models.withRec(new ModelSource.File(recModel));
        if (clsModel != null) models = models.withCls(new ModelSource.File(clsModel));
        if (dict != null) models = models.withDictionary(new ModelSource.File(dict));
        if (recModel != null && dict == null) {
            throw new IllegalArgumentException("--rec-model needs --dict: the dictionary that belongs to that model");
        }
        int workers = threads == null ? base.workers() : threads;
        EngineConfig config = base.withModels(models)
                .withDevice(Device.parse(device, intraOp))
                .withWorkers(workers)
                .withRewriteGraphs(!noGraphRewrite)
                .withInt8Recognition(!noInt8)
                .withRecPolicy(BatchPolicy.of(recBatch, batchDelayMs, workers))
                .withLimits(ImageLimits.DEFAULT.withMaxPixels(maxPixels).withPdfDpi(dpi).withFullResolutionSide(fullResSide));
        if (unclipRatio != null) config = config.withDb(config.db().withUnclipRatio(unclipRatio));
        if (boxThresh != null) config = config.withDb(config.db().withBoxThresh(boxThresh));
        if (calibration != null) config = config.withCalibration(dev.lector.pipeline.CalibrationFile.read(calibration));
        if (detThreads != null) config = config.withDetThreads(detThreads);
        return detConcurrency == null ? config : config.withDetConcurrency(detConcurrency);
    }

    public OcrOptions ocrOptions() {
        return OcrOptions.DEFAULT.withClassify(!noCls).withDetLimit(detLimitSide, limitType()).withDropScore(dropScore).withPad(padPx).withCropMargin(cropMargin).withEndSearch(endSearch)
                .withPageOrientation(!noPageOrientation).withPreprocess(dev.lector.image.Preprocess.parse(preprocess));
    }

    private LimitType limitType() {
        return switch (detLimitType.toLowerCase(java.util.Locale.ROOT)) {
            case "max" -> LimitType.MAX;
            case "min" -> LimitType.MIN;
            default -> throw new IllegalArgumentException("--det-limit-type must be max or min, not " + detLimitType);
        };
    }
}
