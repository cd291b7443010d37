package dev.lector.pipeline;

import dev.lector.backend.BackendProvider;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.InferenceException;
import dev.lector.backend.ModelSession;
import dev.lector.backend.Sha256;
import dev.lector.backend.Tensor;
import dev.lector.batch.BatchQueue;
import dev.lector.batch.DynamicBatcher;
import dev.lector.classify.CnnOrientationClassifier;
import dev.lector.classify.Orientation;
import dev.lector.classify.OrientationClassifier;
import dev.lector.detect.Detection;
import dev.lector.detect.DetectionRequest;
import dev.lector.detect.DbTextDetector;
import dev.lector.detect.TextDetector;
import dev.lector.image.PageImage;
import dev.lector.recognize.CalibrationLines;
import dev.lector.recognize.Charset;
import dev.lector.recognize.CtcTextRecognizer;
import dev.lector.recognize.Recognized;
import dev.lector.recognize.TextRecognizer;
import dev.lector.result.ModelInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires an {@link OcrEngine}: loads the models through the configured backend, makes the stages
 * (DB detection, the line classifier, CTC recognition), puts each behind a lane of one
 * {@link DynamicBatcher} and hands them to the {@link OcrPipeline}. {@link #fromStages} wires the
 * same engine around stages the caller made (tests use fakes; no backend is loaded).
 */
public final class EngineFactory {

    /**
     * Lines drawn for the INT8 recogniser at load: the backend calibrates on three quarters (32; 32
     * and 64 gave the same accuracy, SROIE page CER 0.0387 vs 0.0388) and checks the result against
     * the float model on the rest.
     */
    static final int CALIBRATION_LINES = 42;

    private static final System.Logger LOG = System.getLogger(EngineFactory.class.getName());

    private EngineFactory() {}

    private static List<Tensor> calibrationLines(List<String> dictionary, String model) {
        CalibrationLines.Drawn drawn = CalibrationLines.draw(dictionary, CALIBRATION_LINES, 1);
        if (drawn.unavailable() != null) {
            LOG.log(System.Logger.Level.WARNING, "INT8 recognition is off for {0}: {1}; it runs in float", model, drawn.unavailable());
        }
        return drawn.lines();
    }

    /** Loads the models and starts the workers; fails with a message naming the model at fault. */
    public static OcrEngine open(EngineConfig config) {
        // the engine runs pages and model runs in parallel itself; OpenCV's own thread pool
        // inside resize/warp would only oversubscribe the cores
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        InferenceBackend backend = BackendProvider.find(config.backend()).create(config.device(), true, config.rewriteGraphs());
        DynamicBatcher batcher = null;
        try {
            byte[] dictionaryBytes = read(config.models().dictionary(), "dictionary");
            List<String> dictionary = dictionary(dictionaryBytes, config.models().dictionary());
            // the models load at once, each on its own thread: session creation is most of the
            // start-up and runs single-threaded in the backend
            List<java.util.concurrent.Callable<ModelSession>> loads = new ArrayList<>();
            InferenceBackend detBackend = backend.withCpuThreads(detectorThreads(config));
            loads.add(() -> {
                ModelSession det = calibrated(detBackend, config, "det", config.models().det());
                return det != null ? det : detBackend.load(config.models().det());
            });
            loads.add(() -> {
                ModelSession rec = calibrated(backend, config, "rec", config.models().rec());
                if (rec != null) return rec;
                boolean userChecked = config.calibration() != null && config.calibration().model("rec") != null;
                // drawn only when the backend has no stored calibration for this recogniser (the
                // embedded one ships with it): with the bundled font, so no installed font takes part
                return config.int8Recognition() && !userChecked
                        ? backend.loadQuantized(config.models().rec(), () -> calibrationLines(dictionary, config.models().rec().name()))
                        : backend.load(config.models().rec());
            });
            if (config.models().cls() != null) loads.add(() -> backend.load(config.models().cls()));
            List<ModelSession> loaded = loadAll(loads);
            ModelSession det = loaded.get(0);
            ModelSession rec = loaded.get(1);
            ModelSession cls = loaded.size() > 2 ? loaded.get(2) : null;
            Charset charset = Charset.of(dictionary, rec.outputWidth(), config.models().dictionary().name());
            List<EngineInfo.Model> models = new ArrayList<>();
            models.add(new EngineInfo.Model("det", det.name(), det.sha256(), det.precision()));
            models.add(new EngineInfo.Model("rec", rec.name(), rec.sha256(), rec.precision()));
            if (cls != null) models.add(new EngineInfo.Model("cls", cls.name(), cls.sha256(), cls.precision()));
            models.add(new EngineInfo.Model("dict", config.models().dictionary().name(),
                    Sha256.hex(dictionaryBytes), "text"));
            EngineInfo info = new EngineInfo(backend.name(), String.valueOf(backend.device()), backend.fallbackReason(),
                    List.copyOf(models), config.workers(), config);
            batcher = new DynamicBatcher(config.workers(), "lector-infer");
            OcrEngine engine = wire(config, batcher, backend, info, new DbTextDetector(det),
                    cls == null ? null : new CnnOrientationClassifier(cls), new CtcTextRecognizer(rec, charset),
                    new ModelInfo(det.name(), rec.name(), cls == null ? null : cls.name()));
            if (config.warmUp()) engine.warmUp();
            return engine;
        } catch (RuntimeException | Error e) {
            if (batcher != null) batcher.close();
            backend.close();
            throw e;
        }
    }

    /**
     * Threads of each detector run: as configured, else the workers' share of one of the detections that may run at
     * once ({@code workers / det concurrency}; 2 by default). A page is detected in one run while
     * its lines wait, and with one page in flight the other cores would idle through it: on the
     * 2-core machine a receipt's detection takes ~0.7x the time with 2 threads (see
     * docs/performance.md). With many pages in flight the cores are busy anyway; the extra threads
     * never spin.
     */
    static int detectorThreads(EngineConfig config) {
        if (config.detThreads() > 0) return config.detThreads();
        return Math.max(1, config.workers() / Math.max(1, config.detPolicy().maxConcurrent()));
    }

    /** The bytes of {@code source}, or an error naming it as the {@code what} it is (model, dictionary). */
    static byte[] read(dev.lector.backend.ModelSource source, String what) {
        try {
            return source.readAllBytes();
        } catch (IOException e) {
            throw new InferenceException("cannot read " + what + " " + source.name() + ": " + e.getMessage(), e);
        }
    }

    /** The characters of the dictionary {@code bytes} read from {@code source}. */
    static List<String> dictionary(byte[] bytes, dev.lector.backend.ModelSource source) {
        try {
            return Charset.readDictionary(bytes);
        } catch (IOException e) {
            throw new InferenceException("cannot read dictionary " + source.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code loads} in parallel and answers their sessions in order; the first failure is
     * thrown as it was (the backend, closed by the caller, closes what did load).
     */
    private static List<ModelSession> loadAll(List<java.util.concurrent.Callable<ModelSession>> loads) {
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(loads.size(), r -> {
            Thread t = new Thread(r, "lector-load");
            t.setDaemon(true);
            return t;
        })) {
            List<ModelSession> out = new ArrayList<>();
            RuntimeException failure = null;
            for (var f : pool.invokeAll(loads)) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Error err) throw err;
                    if (failure == null) failure = c instanceof RuntimeException re ? re : new InferenceException(c.getMessage(), c);
                }
            }
            if (failure != null) throw failure;
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted while loading the models", e);
        }
    }

    /**
     * The INT8 session of {@code source} from the user's calibration file, or null for the float
     * model: no file, no entry for {@code role}, {@code --no-int8}, an entry that failed its check,
     * or a backend or CPU that cannot run it as checked (each logged).
     *
     * @throws InferenceException when the entry was made for another model file
     */
    private static ModelSession calibrated(InferenceBackend backend, EngineConfig config, String role, dev.lector.backend.ModelSource source) {
        CalibrationFile.ModelCalibration entry = config.calibration() == null ? null : config.calibration().model(role);
        if (entry == null) return null;
        if (!config.int8Recognition()) {
            LOG.log(System.Logger.Level.INFO, "INT8 is off: the calibration of the {0} model is not used", role);
            return null;
        }
        String sha = Sha256.hex(read(source, "model"));
        if (!sha.equals(entry.modelSha256())) {
            throw new InferenceException("the calibration file was made for the " + role + " model " + entry.model() + " (SHA-256 "
                    + entry.modelSha256().substring(0, 12) + "...), not for " + source.name() + " (" + sha.substring(0, 12)
                    + "...): run `lector calibrate` with this model");
        }
        if (!entry.passed()) {
            LOG.log(System.Logger.Level.WARNING, "the INT8 {0} model failed its check on the calibration pages ({1}); it runs in float",
                    role, entry.checkSummary());
            return null;
        }
        if (!entry.int8().backend().equals(backend.name())) {
            LOG.log(System.Logger.Level.WARNING, "the {0} calibration was made by backend {1}, this engine runs {2}; the model runs in float",
                    role, entry.int8().backend(), backend.name());
            return null;
        }
        return backend.loadCalibrated(source, entry.int8());
    }

    /**
     * An engine around the given stages, with {@code config}'s workers, batching, limits and
     * pixel budget; no backend or model is loaded, and {@code config.models()} is not read.
     *
     * @param classifier null to run without a line classifier
     */
    public static OcrEngine fromStages(EngineConfig config, TextDetector detector, OrientationClassifier classifier,
                                       TextRecognizer recognizer, ModelInfo modelInfo) {
        EngineInfo info = new EngineInfo("custom", "custom", null, List.of(), config.workers(), config);
        DynamicBatcher batcher = new DynamicBatcher(config.workers(), "lector-infer");
        return wire(config, batcher, () -> {}, info, detector, classifier, recognizer, modelInfo);
    }

    private static OcrEngine wire(EngineConfig config, DynamicBatcher batcher, AutoCloseable resources, EngineInfo info,
                                  TextDetector detector, OrientationClassifier classifier, TextRecognizer recognizer,
                                  ModelInfo modelInfo) {
        // lane order is priority: finish pages already detected before detecting new ones
        BatchQueue<PageImage, Recognized> recQ = batcher.lane("recognize", config.recPolicy(), BatchedStages.of(recognizer));
        BatchQueue<PageImage, Orientation> clsQ = classifier == null ? null
                : batcher.lane("classify", config.clsPolicy(), BatchedStages.of(classifier));
        BatchQueue<DetectionRequest, Detection> detQ = batcher.lane("detect", config.detPolicy(), BatchedStages.of(detector));
        batcher.start();
        OcrPipeline pipeline = new OcrPipeline(detQ, clsQ, recQ, config.db(), config.clsThreshold(),
                config.clsPolicy().maxBatch(), modelInfo);
        return new OcrEngine(config, resources, batcher, pipeline, info);
    }
}
