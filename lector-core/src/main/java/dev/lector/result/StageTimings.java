package dev.lector.result;

/**
 * Milliseconds spent per stage for one page. Recognition time includes waiting for a batch slot
 * when work from several pages shares the inference workers. {@code decode} is the time to turn
 * bytes into pixels (for a PDF page: rendering it); {@code total} includes it.
 */
public record StageTimings(double decodeMs, double detectMs, double classifyMs, double recognizeMs, double totalMs) {

    public static final StageTimings ZERO = new StageTimings(0, 0, 0, 0, 0);

    public StageTimings withDecode(double ms) {
        return new StageTimings(ms, detectMs, classifyMs, recognizeMs, totalMs + ms);
    }
}
