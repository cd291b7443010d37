package dev.lector.eval;

import dev.lector.layout.ReadingOrder;
import dev.lector.result.Line;
import dev.lector.result.StageTimings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums what an evaluation run needs, image by image, and turns the sums into an
 * {@link EvalReport}. Detection and character scores are micro-averaged (summed over all images
 * before dividing). Methods are synchronized, so several worker threads may feed one accumulator.
 *
 * <ul>
 *   <li>Detection: {@link DetectionMatcher} on the predicted boxes.</li>
 *   <li>Lines: on matched pairs whose ground truth has text, exact match and CER after
 *       {@link TextMetrics#normalizeForLine}.</li>
 *   <li>Page: the reference is the counted ground-truth lines' text in file order (or in the
 *       {@link ReferenceOrder} asked for), the hypothesis
 *       the predicted lines' text in the order given (less predictions dropped over ignored
 *       regions), both through {@link TextMetrics#normalizeForPage}; CER is the sum of edit
 *       distances over the sum of reference lengths, and char-bag P/R/F1 likewise. Images
 *       without ground-truth text (detection-only sets) are left out of text scores.</li>
 * </ul>
 */
public final class EvalAccumulator {
    private final DetectionMatcher matcher;
    private final boolean ignoreCase;
    private final ReferenceOrder referenceOrder;

    private int images;
    private long truePositives, gtCare, predCare;
    private long matchedWithText, exactMatches;
    private double sumLineCer;
    private int imagesWithText;
    private long pageEdits, pageRefChars;
    private CharBagOverlap charBag = CharBagOverlap.ZERO;
    private long wordTruePositives, wordGtCare, wordPredCare;
    private boolean anyWords;
    private double sumMillis;
    private final Map<String, double[]> stageSums = new LinkedHashMap<>(); // name -> {sum, count}

    /** Page references in file order. */
    public EvalAccumulator(DetectionMatcher matcher, boolean ignoreCase) {
        this(matcher, ignoreCase, ReferenceOrder.FILE);
    }

    public EvalAccumulator(DetectionMatcher matcher, boolean ignoreCase, ReferenceOrder referenceOrder) {
        if (matcher == null) throw new IllegalArgumentException("matcher must not be null");
        if (referenceOrder == null) throw new IllegalArgumentException("reference order must not be null");
        this.matcher = matcher;
        this.ignoreCase = ignoreCase;
        this.referenceOrder = referenceOrder;
    }

    /** Adds an image with the pipeline's stage timings ({@code decode}, {@code detect}, ...). */
    public ImageScore add(LabelledImage gt, List<Line> predictedInReadingOrder, double millis, StageTimings timings) {
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("decode", timings.decodeMs());
        stages.put("detect", timings.detectMs());
        stages.put("classify", timings.classifyMs());
        stages.put("recognize", timings.recognizeMs());
        stages.put("total", timings.totalMs());
        return add(gt, predictedInReadingOrder, millis, stages);
    }

    /**
     * Adds one image.
     *
     * @param predictedInReadingOrder the predicted lines, in the order the system reads them
     * @param millis                  wall time spent on this image
     * @param stageMillis             time per stage for this image (any names; averaged per name)
     */
    public synchronized ImageScore add(LabelledImage gt, List<Line> predictedInReadingOrder, double millis,
            Map<String, Double> stageMillis) {
        List<Line> predicted = List.copyOf(predictedInReadingOrder);
        DetectionMatch match = matcher.match(gt.lines(), predicted.stream().map(Line::box).toList());
        images++;
        truePositives += match.truePositives();
        gtCare += match.gtCare();
        predCare += match.predCare();
        for (MatchedPair pair : match.pairs()) {
            String ref = gt.lines().get(pair.gtIndex()).text();
            if (ref == null) continue;
            String r = TextMetrics.normalizeForLine(ref, ignoreCase);
            String h = TextMetrics.normalizeForLine(predicted.get(pair.predIndex()).text(), ignoreCase);
            matchedWithText++;
            if (r.equals(h)) exactMatches++;
            sumLineCer += TextMetrics.cer(r, h);
        }
        if (!gt.words().isEmpty()) {
            List<dev.lector.geometry.Quad> predictedWords = new ArrayList<>();
            for (Line l : predicted) l.words().forEach(w -> predictedWords.add(w.box()));
            DetectionMatch words = matcher.match(gt.words(), predictedWords);
            anyWords = true;
            wordTruePositives += words.truePositives();
            wordGtCare += words.gtCare();
            wordPredCare += words.predCare();
        }
        Double pageCer = null;
        if (gt.hasText()) {
            List<String> hypTexts = new ArrayList<>();
            for (int i = 0; i < predicted.size(); i++) {
                if (!match.isDropped(i)) hypTexts.add(predicted.get(i).text());
            }
            String ref = TextMetrics.normalizeForPage(String.join("\n", referenceTexts(gt)), ignoreCase);
            String hyp = TextMetrics.normalizeForPage(String.join("\n", hypTexts), ignoreCase);
            int edits = TextMetrics.editDistance(ref, hyp);
            int refChars = TextMetrics.length(ref);
            imagesWithText++;
            pageEdits += edits;
            pageRefChars += refChars;
            charBag = charBag.plus(TextMetrics.charBagOverlap(ref, hyp));
            pageCer = (double) edits / Math.max(1, refChars);
        }
        sumMillis += millis;
        if (stageMillis != null) {
            stageMillis.forEach((name, ms) -> {
                double[] s = stageSums.computeIfAbsent(name, k -> new double[2]);
                s[0] += ms;
                s[1]++;
            });
        }
        return new ImageScore(gt.image(), match.truePositives(), match.gtCare(), match.predCare(), pageCer, millis);
    }

    private List<String> referenceTexts(LabelledImage gt) {
        if (referenceOrder == ReferenceOrder.FILE) return gt.referenceTexts();
        List<Line> lines = new ArrayList<>();
        for (GroundTruthLine line : gt.lines()) {
            if (line.care() && line.text() != null) lines.add(new Line(line.text(), 1, line.box(), 0));
        }
        return ReadingOrder.sort(lines).stream().map(Line::text).toList();
    }

    /** The scores so far; {@code wallSeconds} is the run's wall time, for images per second. */
    public synchronized EvalReport report(double wallSeconds) {
        double precision = predCare == 0 ? 0 : (double) truePositives / predCare;
        double recall = gtCare == 0 ? 0 : (double) truePositives / gtCare;
        double hmean = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        boolean lines = matchedWithText > 0, pages = imagesWithText > 0;
        Map<String, Double> stageMeans = new LinkedHashMap<>();
        stageSums.forEach((name, s) -> stageMeans.put(name, s[0] / s[1]));
        return new EvalReport(images, matcher.iouThreshold(), ignoreCase, referenceOrder,
                gtCare, predCare, truePositives, precision, recall, hmean,
                matchedWithText, lines ? (double) exactMatches / matchedWithText : null,
                lines ? sumLineCer / matchedWithText : null,
                imagesWithText, pages ? (double) pageEdits / Math.max(1, pageRefChars) : null,
                pages ? charBag.precision() : null, pages ? charBag.recall() : null, pages ? charBag.f1() : null,
                wallSeconds, wallSeconds > 0 ? images / wallSeconds : 0, images == 0 ? 0 : sumMillis / images,
                stageMeans, anyWords ? WordDetection.of(wordTruePositives, wordGtCare, wordPredCare) : null);
    }
}
