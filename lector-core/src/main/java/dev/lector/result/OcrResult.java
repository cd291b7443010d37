package dev.lector.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The result of reading one page: its lines in reading order and the text they make together.
 * This record is the one JSON shape every interface prints (see DESIGN.md section 4).
 */
@JsonPropertyOrder({"width", "height", "lines", "text", "timings_ms", "model"})
public record OcrResult(
        int width,
        int height,
        List<Line> lines,
        String text,
        @JsonProperty("timings_ms") StageTimings timings,
        ModelInfo model) {

    public OcrResult {
        lines = List.copyOf(lines);
        if (text == null) throw new IllegalArgumentException("text must not be null");
    }

    /** Joins the lines' text with newlines, in the order given. */
    public static String joinText(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(l.text());
        }
        return sb.toString();
    }

    /**
     * This result of a page read at 1/{@code factor} of its size, in the coordinates of the full
     * {@code fullWidth x fullHeight} page.
     */
    public OcrResult scaledUp(int factor, int fullWidth, int fullHeight) {
        if (factor == 1) return this;
        List<Line> scaled = lines.stream().map(l -> new Line(l.text(), l.score(),
                l.box().scaled(factor).shiftedInto(0, 0, fullWidth, fullHeight), l.orientation())).toList();
        return new OcrResult(fullWidth, fullHeight, scaled, text, timings, model);
    }

    public OcrResult withTimings(StageTimings t) {
        return new OcrResult(width, height, lines, text, t, model);
    }
}
