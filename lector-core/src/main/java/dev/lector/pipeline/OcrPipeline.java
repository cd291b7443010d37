package dev.lector.pipeline;

import dev.lector.batch.BatchQueue;
import dev.lector.classify.Orientation;
import dev.lector.detect.DbParams;
import dev.lector.detect.DetectedBox;
import dev.lector.detect.Detection;
import dev.lector.detect.DetectionRequest;
import dev.lector.geometry.Quad;
import dev.lector.image.ImageOps;
import dev.lector.image.PageImage;
import dev.lector.layout.ReadingOrder;
import dev.lector.recognize.Recognized;
import dev.lector.result.Line;
import dev.lector.result.ModelInfo;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.DetectorInput;
import dev.lector.result.Page;
import dev.lector.result.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads one page: detect, crop, (classify, turn), recognise, order. It only orchestrates: the
 * stages run wherever their queues send them, and the calling thread waits and crops.
 */
public final class OcrPipeline {

    private final BatchQueue<DetectionRequest, Detection> detector;
    private final BatchQueue<PageImage, Orientation> classifier; // null when no cls model
    private final BatchQueue<PageImage, Recognized> recognizer;
    private final DbParams db;
    private final double clsThreshold;
    private final ModelInfo modelInfo;

    public OcrPipeline(BatchQueue<DetectionRequest, Detection> detector, BatchQueue<PageImage, Orientation> classifier,
                       BatchQueue<PageImage, Recognized> recognizer, DbParams db, double clsThreshold, ModelInfo modelInfo) {
        this.detector = detector;
        this.classifier = classifier;
        this.recognizer = recognizer;
        this.db = db;
        this.clsThreshold = clsThreshold;
        this.modelInfo = modelInfo;
    }

    /**
     * The margin a page gets: only a small page, one that fits within the detector's side limit or
     * whose shorter side is at most a quarter of it, such as a tight crop of a line whose text
     * touches its edges. A larger page (a scan, a photo) would pay for the margin's pixels in
     * detection and, measured on SROIE and zh_render pages, gain nothing from it.
     */
    static int padFor(PageImage page, OcrOptions options) {
        int limit = options.detLimitSidePx();
        boolean small = Math.max(page.width(), page.height()) <= limit || Math.min(page.width(), page.height()) <= limit / 4;
        return small ? options.padPx() : 0;
    }

    public Page run(PageImage page, OcrOptions options) {
        long t0 = System.nanoTime();
        int pad = padFor(page, options);
        PageImage image = ImageOps.pad(page, pad); // detection and crops see the margin; results do not
        Detection detection = await(detector.submitAll(List.of(new DetectionRequest(image, detParams(page, pad, options)))))
                .getFirst();
        long t1 = System.nanoTime();

        List<DetectedBox> boxes = detection.boxes();
        List<PageImage> crops = new ArrayList<>(boxes.size());
        double margin = options.cropMargin();
        for (DetectedBox b : boxes) {
            Quad q = margin == 0 ? b.quad() : b.quad().lengthened(margin).shiftedInto(0, 0, image.width(), image.height());
            crops.add(ImageOps.cropQuad(image, q));
        }

        int[] degrees = new int[crops.size()];
        if (options.classify() && classifier != null && !crops.isEmpty()) {
            List<Orientation> orientations = await(classifier.submitAll(crops));
            for (int i = 0; i < crops.size(); i++) {
                Orientation o = orientations.get(i);
                if (o.degrees() == 180 && o.score() >= clsThreshold) {
                    crops.set(i, ImageOps.rotate180(crops.get(i)));
                    degrees[i] = 180;
                }
            }
        }
        long t2 = System.nanoTime();

        List<Recognized> texts = crops.isEmpty() ? List.of() : await(recognizer.submitAll(crops));
        long t3 = System.nanoTime();

        List<Line> lines = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Recognized r = texts.get(i);
            if (r.text().isBlank() || r.score() < options.dropScore()) continue;
            Quad q = pad == 0 ? boxes.get(i).quad() : boxes.get(i).quad().shiftedInto(pad, pad, page.width(), page.height());
            // corners clockwise from the text's own top-left: a vertical line was read turned
            // counter-clockwise, so its text starts at the quad's top-right corner
            if (ImageOps.turnsUpright(q)) q = new Quad(q.topRight(), q.bottomRight(), q.bottomLeft(), q.topLeft());
            if (degrees[i] == 180) q = new Quad(q.bottomRight(), q.bottomLeft(), q.topLeft(), q.topRight());
            lines.add(new Line(r.text(), r.score(), q, degrees[i]));
        }
        List<Line> ordered = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (List<Line> block : ReadingOrder.blocks(lines)) {
            List<Integer> idx = new ArrayList<>();
            for (Line l : block) {
                idx.add(ordered.size());
                ordered.add(l);
            }
            blocks.add(new Block(BlockKind.PARAGRAPH, block.getFirst().box(), idx));
        }
        long t4 = System.nanoTime();
        StageTimings timings = new StageTimings(0, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t0));
        DetectorInput seen = new DetectorInput(detection.inputSize().width(), detection.inputSize().height(), pad);
        return new Page(1, page.width(), page.height(), 0, 0, ordered, blocks, timings, modelInfo, seen);
    }

    /**
     * The request's detection knobs, with the side limit grown by the margin's share so that the
     * margin costs no resolution: the page's own pixels reach the detector at the scale they would
     * have had without it.
     */
    private DbParams detParams(PageImage page, int pad, OcrOptions options) {
        DbParams p = options.dbParams(db);
        if (pad == 0) return p;
        int side = p.limitType() == dev.lector.detect.LimitType.MAX ? Math.max(page.width(), page.height())
                : Math.min(page.width(), page.height());
        long grown = Math.round(p.limitSidePx() * (side + 2.0 * pad) / side);
        return p.withLimit((int) Math.min(8192, grown), p.limitType());
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private static <T> List<T> await(List<CompletableFuture<T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (CompletableFuture<T> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for inference");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(false));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException("inference failed: " + cause, cause);
        }
        return out;
    }
}
