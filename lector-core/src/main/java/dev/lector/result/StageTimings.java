package dev.lector.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Milliseconds spent per stage for one page. Recognition time includes waiting for a batch slot
 * when work from several pages shares the inference workers.
 */
@JsonPropertyOrder({"decode", "detect", "classify", "recognize", "total"})
public record StageTimings(
        @JsonProperty("decode") double decodeMs,
        @JsonProperty("detect") double detectMs,
        @JsonProperty("classify") double classifyMs,
        @JsonProperty("recognize") double recognizeMs,
        @JsonProperty("total") double totalMs) {

    public static final StageTimings ZERO = new StageTimings(0, 0, 0, 0, 0);

    public StageTimings withDecode(double ms) {
        return new StageTimings(ms, detectMs, classifyMs, recognizeMs, totalMs + ms);
    }
}
