package dev.lector.pipeline;

import dev.lector.batch.DynamicBatcher;
import dev.lector.batch.OverloadedException;
import dev.lector.batch.WeightBudget;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageHeader;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import dev.lector.image.PageRange;
import dev.lector.result.Document;
import dev.lector.result.Page;
import dev.lector.geometry.Size;
import dev.lector.image.PdfPages;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The entry point: loads the models once, owns the backend and the inference workers, and reads
 * pages for any number of threads at once. Close it to free the native memory (idempotent).
 */
public final class OcrEngine implements AutoCloseable {

    private final EngineConfig config;
    private final AutoCloseable resources;
    private final DynamicBatcher batcher;
    private final OcrPipeline pipeline;
    private final ImageDecoder decoder;
    private final Semaphore admission;
    private final WeightBudget pixels;
    private final EngineInfo info;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Where images are decoded and PDF pages rendered: a few platform threads, so that however
     * many requests decode at once they take at most this many cores, and never the carrier
     * threads of the virtual threads that answer health probes.
     */
    private final ExecutorService decodeWorkers;

    /** Threads that decode and render: half the cores, at least one. */
    public static final int DECODE_WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /**
     * An engine over stages that {@link EngineFactory} wired; {@code resources} (the backend and its
     * sessions) is closed after the workers have stopped.
     */
    OcrEngine(EngineConfig config, AutoCloseable resources, DynamicBatcher batcher, OcrPipeline pipeline, EngineInfo info) {
        this.config = config;
        this.resources = resources;
        this.batcher = batcher;
        this.pipeline = pipeline;
        this.info = info;
        this.decoder = new ImageDecoder(config.limits());
        this.admission = new Semaphore(config.maxPendingPages());
        this.pixels = new WeightBudget(config.maxPixelsInFlight(), 1000, "kilopixels", "pixels");
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.decodeWorkers = Executors.newFixedThreadPool(DECODE_WORKERS,
                r -> Thread.ofPlatform().daemon().name("lector-decode-" + n.getAndIncrement()).unstarted(r));
    }

    /**
     * Loads the models and starts the workers: the entry point of the library. Fails with a
     * message naming the model at fault. Close the engine when done.
     */
    public static OcrEngine open(EngineConfig config) {
        return EngineFactory.open(config);
    }

    void warmUp() {
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
            List<ImageHeader> images = ImageHeader.pages(bytes);
            if (images.size() > 1) {
                readTiffPages(bytes, images, pages, options, sink);
                return;
            }
            pages.resolve(1); // BAD_OPTION for anything past page 1
            sink.accept(readImage(bytes, options));
            return;
        }
        readPdfPages(bytes, pages, options, sink);
    }

    /**
     * The selected pages of a PDF, one at a time: each page sized and checked against the pixel
     * cap, admitted and its pixels held, and only then rendered (on a decode worker, its embedded
     * images checked and its render time bounded by {@link dev.lector.image.PdfPages}), so that
     * {@link EngineConfig#maxPendingPages()} bounds PDF pages as it bounds images.
     */
    private void readPdfPages(byte[] bytes, PageRange pages, OcrOptions options, Consumer<Page> sink) {
        try (PdfPages pdf = onDecodeWorker(() -> decoder.openPdf(bytes))) {
            for (int number : pdf.select(pages)) {
                checkCancelled();
                Size size = pdf.renderSize(number);
                Page read;
                admit();
                try (WeightBudget.Hold hold = pixels.acquire(size.pixels())) {
                    long t0 = System.nanoTime();
                    PageImage image = onDecodeWorker(() -> pdf.render(number));
                    double decodeMs = Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
                    read = pipeline.run(image, options).withNumber(number);
                    read = read.withTimings(read.timings().withDecode(decodeMs));
                } finally {
                    admission.release();
                }
                sink.accept(read);
            }
        }
    }

    /** Runs {@code task} on a decode worker and waits; an interrupt cancels it (the worker is interrupted too). */
    private <T> T onDecodeWorker(Callable<T> task) {
        if (closed.get()) throw new IllegalStateException("engine is closed");
        Future<T> f;
        try {
            f = decodeWorkers.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("engine is closed", e);
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while decoding");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException("decoding failed: " + c, c);
        }
    }

    /**
     * The cancellation point between pages and stages: a reading thread that was interrupted (its
     * request timed out, or its client went away) stops here instead of reading on for nobody.
     */
    static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("the read was cancelled");
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
            ImageDecoder.Reduced page = onDecodeWorker(() -> decoder.decodeReduced(bytes));
            double decodeMs = Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
            Page read = PageGeometry.scaledUp(pipeline.run(page.image(), options), page.factor(), page.fullWidth(),
                    page.fullHeight());
            return read.withTimings(read.timings().withDecode(decodeMs));
        } finally {
            admission.release();
        }
    }

    /**
     * The selected pages of a multi-page TIFF, one at a time like a PDF's: each page's size checked
     * from its directory, its pixels held against the budget, decoded alone, numbered as in the file.
     */
    private void readTiffPages(byte[] bytes, List<ImageHeader> images, PageRange pages, OcrOptions options,
                               Consumer<Page> sink) {
        List<Integer> selected = pages.resolve(images.size());
        int max = decoder.limits().maxPdfPages();
        if (selected.size() > max) {
            throw new InputException(InputException.Reason.TOO_LARGE, "TIFF selection has "
                    + selected.size() + " pages (pages " + pages + " of " + images.size() + "), above the limit of " + max
                    + " pages: choose fewer with a page range");
        }
        for (int number : selected) {
            checkCancelled();
            ImageHeader header = images.get(number - 1);
            Page read;
            admit();
            try (WeightBudget.Hold hold = pixels.acquire(Math.min(header.pixels(), decoder.limits().maxPixels()))) {
                long t0 = System.nanoTime();
                PageImage image = onDecodeWorker(() -> decoder.decodeTiffPage(bytes, number, header));
                double decodeMs = Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
                read = pipeline.run(image, options).withNumber(number);
                read = read.withTimings(read.timings().withDecode(decodeMs));
            } finally {
                admission.release();
            }
            sink.accept(read);
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
            decodeWorkers.shutdownNow();
            batcher.close();
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the engine's models failed: " + e.getMessage(), e);
            }
        }
    }
}
