package dev.lector.pipeline;

import dev.lector.backend.BackendProvider;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.InferenceException;
import dev.lector.backend.ModelSession;
import dev.lector.backend.Sha256;
import dev.lector.backend.Tensor;
import dev.lector.batch.BatchQueue;
import dev.lector.batch.DynamicBatcher;
import dev.lector.batch.OverloadedException;
import dev.lector.batch.WeightBudget;
import dev.lector.classify.Orientation;
import dev.lector.classify.OrientationClassifier;
import dev.lector.detect.DbTextDetector;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageHeader;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import dev.lector.image.PageRange;
import dev.lector.recognize.CalibrationLines;
import dev.lector.recognize.Charset;
import dev.lector.recognize.CtcTextRecognizer;
import dev.lector.result.ModelInfo;
import dev.lector.result.Document;
import dev.lector.result.Page;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The entry point: loads the models once, owns the backend and the inference workers, and reads
 * pages for any number of threads at once. Close it to free the native memory (idempotent).
 */
public final class OcrEngine implements AutoCloseable {

    /**
     * Lines drawn for the INT8 recogniser at load: the backend calibrates on three quarters (32; 32
     * and 64 gave the same accuracy, SROIE page CER 0.0387 vs 0.0388) and checks the result against
     * the float model on the rest.
     */
    static final int CALIBRATION_LINES = 42;

    private final EngineConfig config;
    private final InferenceBackend backend;
    private final DynamicBatcher batcher;
    private final OcrPipeline pipeline;
    private final ImageDecoder decoder;
    private final Semaphore admission;
    private final WeightBudget pixels;
    private final EngineInfo info;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OcrEngine(EngineConfig config, InferenceBackend backend, DynamicBatcher batcher, OcrPipeline pipeline,
                      EngineInfo info) {
        this.config = config;
        this.backend = backend;
        this.batcher = batcher;
        this.pipeline = pipeline;
        this.info = info;
        this.decoder = new ImageDecoder(config.limits());
        this.admission = new Semaphore(config.maxPendingPages());
        this.pixels = new WeightBudget(config.maxPixelsInFlight(), 1000, "kilopixels", "pixels");
    }

    /** Loads the models and starts the workers; fails with a message naming the model at fault. */
    public static OcrEngine open(EngineConfig config) {
        // the engine runs pages and model runs in parallel itself; OpenCV's own thread pool
        // inside resize/warp would only oversubscribe the cores
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        InferenceBackend backend = BackendProvider.find(config.backend()).create(config.device(), true, config.rewriteGraphs());
        DynamicBatcher batcher = null;
        try {
            byte[] dictionaryBytes;
            List<String> dictionary;
            try {
                dictionaryBytes = config.models().dictionary().readAllBytes();
                dictionary = Charset.readDictionary(dictionaryBytes);
            } catch (IOException e) {
                throw new InferenceException("cannot read dictionary " + config.models().dictionary().name() + ": "
                        + e.getMessage(), e);
            }
            // drawing the calibration lines starts Java2D's font system (~0.5 s): overlap it with loading det
            CompletableFuture<List<Tensor>> calibration = config.int8Recognition()
                    ? CompletableFuture.supplyAsync(() -> CalibrationLines.render(dictionary, CALIBRATION_LINES, 1))
                    : CompletableFuture.completedFuture(List.of());
            ModelSession det = backend.load(config.models().det());
            ModelSession rec = config.int8Recognition()
                    ? backend.loadQuantized(config.models().rec(), calibration.join())
                    : backend.load(config.models().rec());
            ModelSession cls = config.models().cls() == null ? null : backend.load(config.models().cls());
            Charset charset = Charset.of(dictionary, rec.outputWidth(), config.models().dictionary().name());
            batcher = new DynamicBatcher(config.workers(), "lector-infer");
            // lane order is priority: finish pages already detected before detecting new ones
            BatchQueue<PageImage, dev.lector.recognize.Recognized> recQ =
                    batcher.lane("recognize", config.recPolicy(), new CtcTextRecognizer(rec, charset));
            BatchQueue<PageImage, Orientation> clsQ = cls == null ? null
                    : batcher.lane("classify", config.clsPolicy(), new OrientationClassifier(cls));
            var detQ = batcher.lane("detect", config.detPolicy(), new DbTextDetector(det));
            batcher.start();
            ModelInfo modelInfo = new ModelInfo(det.name(), rec.name(), cls == null ? null : cls.name());
            List<EngineInfo.Model> models = new ArrayList<>();
            models.add(new EngineInfo.Model("det", det.name(), det.sha256(), det.precision()));
            models.add(new EngineInfo.Model("rec", rec.name(), rec.sha256(), rec.precision()));
            if (cls != null) models.add(new EngineInfo.Model("cls", cls.name(), cls.sha256(), cls.precision()));
            models.add(new EngineInfo.Model("dict", config.models().dictionary().name(),
                    Sha256.hex(dictionaryBytes), "text"));
            EngineInfo info = new EngineInfo(backend.name(), String.valueOf(backend.device()), backend.fallbackReason(),
                    List.copyOf(models), config.workers(), config);
            OcrPipeline pipeline = new OcrPipeline(detQ, clsQ, recQ, config.db(), config.clsThreshold(), modelInfo);
            OcrEngine engine = new OcrEngine(config, backend, batcher, pipeline, info);
            if (config.warmUp()) engine.warmUp();
            return engine;
        } catch (RuntimeException | Error e) {
            closeQuietly(batcher, backend);
            throw e;
        }
    }

    private void warmUp() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(320, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 320, 64);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 28));
        g.drawString("Lector 123", 20, 42);
        g.dispose();
        for (int i = 0; i < config.workers(); i++) process(ImageDecoder.fromBufferedImage(img), OcrOptions.DEFAULT);
    }

    /**
     * Reads one decoded page (numbered 1). Thread-safe; blocks the calling thread until the page
     * is done.
     *
     * @throws OverloadedException when {@link EngineConfig#maxPendingPages()} pages are in flight
     */
    public Page process(PageImage image, OcrOptions options) {
        admit();
        try (WeightBudget.Hold hold = pixels.acquire((long) image.width() * image.height())) {
            return pipeline.run(image, options);
        } finally {
            admission.release();
        }
    }

    /**
     * Reads an image or the selected pages of a PDF: the one reading verb. Each page carries its
     * own number in the file and its decode time.
     *
     * @throws InputException for empty, unsupported, too large or undecodable input, and for a
     *         page selection past the end (a single image has only page 1)
     * @throws OverloadedException when {@link EngineConfig#maxPendingPages()} pages are in flight
     */
    public Document read(byte[] bytes, PageRange pages, OcrOptions options) {
        List<Page> out = new ArrayList<>();
        read(bytes, pages, options, out::add);
        return new Document(out);
    }

    /**
     * Like {@link #read(byte[], PageRange, OcrOptions)}, handing pages to {@code sink} one at a
     * time as they are done (a PDF's pages are never all held at once).
     */
    public void read(byte[] bytes, PageRange pages, OcrOptions options, Consumer<Page> sink) {
        if (!ImageHeader.isPdf(bytes)) {
            pages.resolve(1); // BAD_OPTION for anything past page 1
            sink.accept(readImage(bytes, options));
            return;
        }
        long[] mark = {System.nanoTime()};
        decoder.forEachPdfPage(bytes, pages, (number, image) -> {
            double decodeMs = (System.nanoTime() - mark[0]) / 1e6;
            Page p = process(image, options).withNumber(number);
            sink.accept(p.withTimings(p.timings().withDecode(Math.round(decodeMs * 100) / 100.0)));
            mark[0] = System.nanoTime();
        });
    }

    /**
     * Decodes one raster image and reads it, the decode time included in the result's timings.
     * The page's pixels are held against the engine's budget from before the decode until the
     * result is ready, so a burst of large images waits instead of filling the memory.
     */
    private Page readImage(byte[] bytes, OcrOptions options) {
        ImageHeader header = ImageHeader.read(bytes);
        int factor = decoder.limits().reductionFor(header);
        admit();
        try (WeightBudget.Hold hold = pixels.acquire((long) header.width() * header.height() / ((long) factor * factor))) {
            long t0 = System.nanoTime();
            ImageDecoder.Reduced page = decoder.decodeReduced(bytes);
            double decodeMs = Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
            Page read = PageGeometry.scaledUp(pipeline.run(page.image(), options), page.factor(), page.fullWidth(),
                    page.fullHeight());
            return read.withTimings(read.timings().withDecode(decodeMs));
        } finally {
            admission.release();
        }
    }

    private void admit() {
        if (closed.get()) throw new IllegalStateException("engine is closed");
        if (!admission.tryAcquire()) {
            throw new OverloadedException("too many pages in flight (limit " + config.maxPendingPages() + ")");
        }
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public EngineInfo info() {
        return info;
    }

    public EngineConfig config() {
        return config;
    }

    /** Pages admitted and not yet finished. */
    public int pagesInFlight() {
        return config.maxPendingPages() - admission.availablePermits();
    }

    /** Items waiting for an inference worker. */
    public long queuedItems() {
        return batcher.queuedItems();
    }

    public void setBatchListener(DynamicBatcher.Listener listener) {
        batcher.setListener(listener);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            batcher.close();
            backend.close();
        }
    }

    private static void closeQuietly(DynamicBatcher batcher, InferenceBackend backend) {
        if (batcher != null) batcher.close();
        backend.close();
    }
}
