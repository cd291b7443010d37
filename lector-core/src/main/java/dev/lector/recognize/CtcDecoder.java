package dev.lector.recognize;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding: the best class per time step, repeats collapsed, blanks (class 0) dropped.
 * A blank between two equal classes keeps both, which is how a real double letter is written.
 * The confidence is the mean probability of the kept steps. Each kept character also gets the
 * run of time steps it was read at ({@link Glyph}), as a fraction of the steps that cover the
 * crop, since a batch is padded to its widest crop and the padding's steps are not the crop's.
 */
public final class CtcDecoder {

    private final Charset charset;

    public CtcDecoder(Charset charset) {
        this.charset = charset;
    }

    /** Decodes one line whose crop covers all {@code timeSteps}. */
    public Recognized decode(float[] probs, int offset, int timeSteps, int classes) {
        return decode(probs, offset, timeSteps, classes, timeSteps);
    }

    /**
     * Decodes one line from {@code probs}, laid out [timeSteps][classes] starting at {@code offset},
     * whose crop covers the first {@code cropSteps} time steps (the rest is batch padding).
     */
    public Recognized decode(float[] probs, int offset, int timeSteps, int classes, double cropSteps) {
        if (classes != charset.classes()) {
            throw new IllegalArgumentException("model output has " + classes + " classes, the charset "
                    + charset.classes());
        }
        if (!(cropSteps > 0)) throw new IllegalArgumentException("crop must cover a positive number of steps: " + cropSteps);
        StringBuilder text = new StringBuilder();
        List<Glyph> glyphs = new ArrayList<>();
        double confSum = 0;
        int previous = 0;
        int runStart = -1;
        String runSymbol = null;
        float runScore = 0;
        for (int t = 0; t < timeSteps; t++) {
            int base = offset + t * classes;
            int best = 0;
            float bestP = probs[base];
            for (int c = 1; c < classes; c++) {
                float p = probs[base + c];
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            if (best != previous) {
                if (runSymbol != null) glyphs.add(glyph(runSymbol, runScore, runStart, t, cropSteps));
                runSymbol = null;
                if (best != 0) {
                    runSymbol = charset.symbol(best);
                    runStart = t;
                    runScore = bestP;
                    text.append(runSymbol);
                    confSum += bestP;
                }
            }
            previous = best;
        }
        if (runSymbol != null) glyphs.add(glyph(runSymbol, runScore, runStart, timeSteps, cropSteps));
        int kept = glyphs.size();
        double score = kept == 0 ? 0 : Math.max(0, Math.min(1, confSum / kept));
        return new Recognized(text.toString(), score, glyphs);
    }

    private static Glyph glyph(String symbol, float score, int from, int to, double cropSteps) {
        double start = Math.min(1, from / cropSteps);
        double end = Math.min(1, to / cropSteps);
        if (end <= start) { // a character read in the batch padding: give it a sliver at the crop's end
            start = Math.max(0, Math.min(start, 1 - 1e-6));
            end = Math.min(1, start + 1e-6);
        }
        return new Glyph(symbol, Math.max(0, Math.min(1, score)), start, end);
    }
}
