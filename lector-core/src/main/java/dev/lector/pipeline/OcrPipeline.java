package dev.lector.pipeline;

import dev.lector.batch.BatchQueue;
import dev.lector.classify.Orientation;
import dev.lector.classify.PageOrientation;
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
    private final int clsChunk;
    private final ModelInfo modelInfo;

    /**
     * @param clsChunk lines sent to the classifier together while the rest are still being cut
     *                 (its batch size): the classifier runs on the workers meanwhile
     */
    public OcrPipeline(BatchQueue<DetectionRequest, Detection> detector, BatchQueue<PageImage, Orientation> classifier,
                       BatchQueue<PageImage, Recognized> recognizer, DbParams db, double clsThreshold, int clsChunk,
                       ModelInfo modelInfo) {
        if (clsChunk < 1) throw new IllegalArgumentException("clsChunk must be >= 1: " + clsChunk);
        this.detector = detector;
        this.classifier = classifier;
        this.recognizer = recognizer;
        this.db = db;
        this.clsThreshold = clsThreshold;
        this.clsChunk = clsChunk;
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

    public Page run(PageImage original, OcrOptions options) {
        OcrEngine.checkCancelled(); // stage boundary: before detection
        long t0 = System.nanoTime();
        PageImage page = options.preprocess().apply(original);
        int pad = padFor(page, options);
        PageImage image = ImageOps.pad(page, pad); // detection and crops see the margin; results do not
        Detection detection = await(detector.submitAll(List.of(new DetectionRequest(image, detParams(page, pad, options)))))
                .getFirst();
        long t1 = System.nanoTime();
        OcrEngine.checkCancelled(); // stage boundary: detect -> classify

        List<DetectedBox> boxes = detection.boxes();
        int n = boxes.size();
        double margin = options.cropMargin(), search = options.endSearch();
        int[] orientation = new int[n];
        double[] aspect = new double[n];
        for (int i = 0; i < n; i++) {
            Quad q = boxes.get(i).quad();
            // a box much taller than wide holds text running top to bottom: read it turned upright
            orientation[i] = ImageOps.turnsUpright(q) ? 90 : 0;
            aspect[i] = Math.max(q.width(), q.height()) / Math.max(1e-9, Math.min(q.width(), q.height()));
        }
        LineCrop[] crops = new LineCrop[n];
        List<PageOrientation.Vote> votes = cutAndClassify(image, boxes, orientation, aspect, crops, options);
        PageOrientation.Decision decision = options.pageOrientation() ? PageOrientation.decide(votes)
                : PageOrientation.Decision.NONE;
        for (int i = 0; i < n; i++) {
            int adopted = PageOrientation.adopt(decision, orientation[i], aspect[i]);
            if (adopted == orientation[i]) continue;
            crops[i] = (adopted - orientation[i]) % 180 == 0 ? crops[i].turned180()
                    : LineCrop.of(image, boxes.get(i).quad(), adopted, margin, search);
            orientation[i] = adopted;
        }
        long t2 = System.nanoTime();
        OcrEngine.checkCancelled(); // stage boundary: classify -> recognize

        List<Recognized> texts = n == 0 ? List.of() : await(recognizer.submitAll(images(crops)));
        long t3 = System.nanoTime();

        List<Line> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Recognized r = texts.get(i);
            if (r.text().isBlank() || r.score() < options.dropScore()) continue;
            LineCrop c = crops[i];
            lines.add(LineWords.line(r, c.image(), c.line(), c.quad(), orientation[i], pad, page.width(), page.height()));
        }
        List<Line> ordered = new ArrayList<>(lines.size());
        List<Block> blocks = new ArrayList<>();
        for (ReadingOrder.Group group : ReadingOrder.layout(lines)) {
            List<Integer> idx = new ArrayList<>(group.lines().size());
            for (Line l : group.lines()) {
                idx.add(ordered.size());
                ordered.add(l);
            }
            blocks.add(new Block(group.kind(), group.box().clamp(page.width(), page.height()), idx));
        }
        double skew = Skew.of(ordered, decision.rotation());
        long t4 = System.nanoTime();
        StageTimings timings = new StageTimings(0, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t0));
        DetectorInput seen = new DetectorInput(detection.inputSize().width(), detection.inputSize().height(), pad);
        return new Page(1, page.width(), page.height(), decision.rotation(), skew, ordered, blocks, timings, modelInfo, seen);
    }

    /**
     * Cuts every line's crop into {@code crops} and, where the options ask for it, has the
     * classifier call 0 or 180 degrees (turning the crop and adding 180 to {@code orientation} for
     * a sure 180); returns the lines' votes on the page's direction.
     */
    private List<PageOrientation.Vote> cutAndClassify(PageImage image, List<DetectedBox> boxes, int[] orientation, double[] aspect,
                                                      LineCrop[] crops, OcrOptions options) {
        int n = boxes.size();
        double[] most = new double[n];
        for (int i = 0; i < n; i++) most[i] = PageOrientation.mostWeight(length(boxes.get(i).quad()), aspect[i]);
        double margin = options.cropMargin(), search = options.endSearch();
        boolean classify = options.classify() && classifier != null && n > 0;
        // With page orientation on, the lines are cut and classified heaviest vote first, a round of
        // two classifier batches at a time, until the page's direction is settled whatever the rest
        // would say (PageOrientation.settled): the lines along the page's axis then follow the page
        // as they would have after their own call, and only lines clearly across it are still
        // classified. The result is the one classifying every line gives, for fewer classifier runs.
        boolean early = classify && options.pageOrientation();
        int[] order = early ? heaviestFirst(most) : java.util.stream.IntStream.range(0, n).toArray();
        int firstRound = early ? Math.min(n, 2 * clsChunk) : n;
        LineCalls calls = classify ? new LineCalls(n) : null;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            crops[i] = LineCrop.of(image, boxes.get(i).quad(), orientation[i], margin, search);
            // the classifier starts on the first lines while the calling thread cuts the others
            if (classify && k < firstRound && (k + 1 - calls.asked() == clsChunk || k == firstRound - 1)) {
                calls.ask(order, calls.asked(), k + 1, crops);
            }
        }

        List<PageOrientation.Vote> votes = new ArrayList<>(n);
        if (classify) {
            boolean last = false;
            while (true) {
                for (int i : calls.hear()) {
                    Orientation o = calls.of(i);
                    votes.add(new PageOrientation.Vote((orientation[i] + o.degrees()) % 360, length(boxes.get(i).quad()), aspect[i],
                            o.score()));
                }
                int heard = calls.asked();
                if (heard == n || last) break;
                double unheard = 0;
                for (int k = heard; k < n; k++) unheard += most[order[k]];
                if (early && PageOrientation.settled(votes, unheard)) {
                    // only lines clearly across the page's axis keep their own direction: they still need their call
                    int rotation = PageOrientation.decide(votes).rotation();
                    int[] across = java.util.Arrays.stream(order, heard, n)
                            .filter(i -> !PageOrientation.followsPage(rotation, orientation[i], aspect[i]))
                            .toArray();
                    if (across.length == 0) break;
                    calls.ask(across, 0, across.length, crops);
                    last = true;
                } else {
                    calls.ask(order, heard, Math.min(n, heard + 2 * clsChunk), crops);
                }
            }
            for (int i = 0; i < n; i++) {
                Orientation o = calls.of(i);
                if (o != null && o.degrees() == 180 && o.score() >= clsThreshold) {
                    crops[i] = crops[i].turned180();
                    orientation[i] += 180;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                votes.add(new PageOrientation.Vote(orientation[i], length(boxes.get(i).quad()), aspect[i], 1));
            }
        }
        return votes;
    }

    private static List<PageImage> images(LineCrop[] crops) {
        List<PageImage> out = new ArrayList<>(crops.length);
        for (LineCrop c : crops) out.add(c.image());
        return out;
    }

    /** Line indices by {@code weight}, heaviest first (ties in line order). */
    static int[] heaviestFirst(double[] weight) {
        return java.util.stream.IntStream.range(0, weight.length).boxed()
                .sorted((a, b) -> Double.compare(weight[b], weight[a])).mapToInt(Integer::intValue).toArray();
    }

    /** The classifier's calls on one page's lines, asked for a few batches at a time. */
    private final class LineCalls {
        private final Orientation[] answers;
        private final List<Integer> asked = new ArrayList<>();
        private List<CompletableFuture<Orientation>> pending = new ArrayList<>();
        private int heard;

        LineCalls(int lines) {
            answers = new Orientation[lines];
        }

        /** Sends lines {@code lines[from..to)} to the classifier, in batches of its size. */
        void ask(int[] lines, int from, int to, LineCrop[] crops) {
            for (int a = from; a < to; a += clsChunk) {
                int b = Math.min(to, a + clsChunk);
                List<PageImage> batch = new ArrayList<>(b - a);
                for (int k = a; k < b; k++) {
                    asked.add(lines[k]);
                    batch.add(crops[lines[k]].image());
                }
                pending.addAll(classifier.submitAll(batch));
            }
        }

        /** How many lines have been sent so far. */
        int asked() {
            return asked.size();
        }

        /** Waits for every call asked for; returns the lines whose calls just came. */
        List<Integer> hear() {
            List<Orientation> came = await(pending);
            pending = new ArrayList<>();
            List<Integer> lines = asked.subList(heard, asked.size());
            for (int j = 0; j < came.size(); j++) answers[lines.get(j)] = came.get(j);
            heard = asked.size();
            return List.copyOf(lines);
        }

        /** The call on line {@code i}, or null when it was not asked for. */
        Orientation of(int i) {
            return answers[i];
        }
    }

    private static double length(Quad q) {
        return Math.max(q.width(), q.height());
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
