package dev.lector.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores of an evaluation run (see {@link EvalAccumulator} for how each is computed). Text scores
 * are {@code null} when nothing had ground-truth text to score. JSON keys are snake_case.
 *
 * @param images               images evaluated
 * @param iouThreshold         IoU a prediction needs to match a ground-truth region
 * @param ignoreCase           whether text was compared case-insensitively
 * @param referenceOrder       order of the ground-truth lines in a page's reference text
 * @param gtLines              counted ground-truth regions (ignored ones left out)
 * @param predLines            counted predictions (those over ignored regions left out)
 * @param truePositives        matched pairs
 * @param precision            detection precision, truePositives / predLines
 * @param recall               detection recall, truePositives / gtLines
 * @param hmean                harmonic mean of detection precision and recall
 * @param matchedLinesWithText matched pairs whose ground truth has text
 * @param lineExactMatch       share of those whose text is exactly right
 * @param meanLineCer          mean CER over those pairs
 * @param imagesWithText       images whose ground truth has text
 * @param pageCer              page-level CER, micro-averaged over those images
 * @param charPrecision        page character-bag precision, micro-averaged
 * @param charRecall           page character-bag recall, micro-averaged
 * @param charF1               page character-bag F1 from those two
 * @param wallSeconds          wall time of the run, as the caller measured it
 * @param imagesPerSecond      images / wallSeconds
 * @param meanMsPerImage       mean of the per-image times the caller gave
 * @param meanStageMs          mean time per stage name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"images", "iouThreshold", "ignoreCase", "referenceOrder", "gtLines", "predLines", "truePositives", "precision",
        "recall", "hmean", "matchedLinesWithText", "lineExactMatch", "meanLineCer", "imagesWithText", "pageCer",
        "charPrecision", "charRecall", "charF1", "wallSeconds", "imagesPerSecond", "meanMsPerImage", "meanStageMs"})
public record EvalReport(
        int images,
        double iouThreshold,
        boolean ignoreCase,
        ReferenceOrder referenceOrder,
        long gtLines,
        long predLines,
        long truePositives,
        double precision,
        double recall,
        double hmean,
        long matchedLinesWithText,
        Double lineExactMatch,
        Double meanLineCer,
        int imagesWithText,
        Double pageCer,
        Double charPrecision,
        Double charRecall,
        Double charF1,
        double wallSeconds,
        double imagesPerSecond,
        double meanMsPerImage,
        Map<String, Double> meanStageMs,
        WordDetection words) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public EvalReport {
        if (referenceOrder == null) throw new IllegalArgumentException("reference order must not be null");
        meanStageMs = meanStageMs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meanStageMs));
    }

    /** This report as one JSON object with snake_case keys. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the evaluation report", e);
        }
    }

    /** This report for people: one aligned line per score. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        row(sb, "images", images + (imagesWithText != images ? "  (" + imagesWithText + " with text)" : ""));
        row(sb, "det precision", f(precision) + "  (" + truePositives + " of " + predLines + " predicted lines)");
        row(sb, "det recall", f(recall) + "  (" + truePositives + " of " + gtLines + " labelled lines)");
        row(sb, "det hmean", f(hmean) + "  (IoU >= " + String.format(Locale.ROOT, "%.2f", iouThreshold) + ")");
        String cmp = ignoreCase ? "NFKC, case-insensitive" : "NFKC, case-sensitive";
        if (words != null) {
            row(sb, "word hmean", f(words.hmean()) + "  (P " + f(words.precision()) + ", R " + f(words.recall()) + "; "
                    + words.truePositives() + " of " + words.gtWords() + " labelled words, " + words.predWords() + " predicted)");
        }
        row(sb, "line exact match", f(lineExactMatch) + "  (" + matchedLinesWithText + " matched lines with text, " + cmp + ")");
        row(sb, "line CER (mean)", f(meanLineCer));
        row(sb, "page CER", f(pageCer) + "  (reference order " + referenceOrder.name().toLowerCase(Locale.ROOT)
                + ", whitespace removed, " + cmp + ")");
        row(sb, "char F1", f(charF1) + "  (P " + f(charPrecision) + ", R " + f(charRecall) + ")");
        row(sb, "speed", String.format(Locale.ROOT, "%.2f images/s, %.1f ms/image mean, %.1f s wall",
                imagesPerSecond, meanMsPerImage, wallSeconds));
        if (!meanStageMs.isEmpty()) {
            StringBuilder stages = new StringBuilder();
            meanStageMs.forEach((name, ms) -> stages.append(stages.isEmpty() ? "" : ", ")
                    .append(name).append(' ').append(String.format(Locale.ROOT, "%.1f", ms)));
            row(sb, "stage ms (mean)", stages.toString());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "%-18s %s\n", name, value));
    }

    private static String f(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
