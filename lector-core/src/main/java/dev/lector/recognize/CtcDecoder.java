package dev.lector.recognize;

/**
 * Greedy CTC decoding: the best class per time step, repeats collapsed, blanks (class 0) dropped.
 * A blank between two equal classes keeps both, which is how a real double letter is written.
 * The confidence is the mean probability of the kept steps.
 */
public final class CtcDecoder {

    private final Charset charset;

    public CtcDecoder(Charset charset) {
        this.charset = charset;
    }

    /**
     * Decodes one line from {@code probs}, laid out [timeSteps][classes] starting at {@code offset}.
     */
    public Recognized decode(float[] probs, int offset, int timeSteps, int classes) {
        if (classes != charset.classes()) {
            throw new IllegalArgumentException("model output has " + classes + " classes, the charset "
                    + charset.classes());
        }
        StringBuilder text = new StringBuilder();
        double confSum = 0;
        int kept = 0;
        int previous = 0;
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
            if (best != 0 && best != previous) {
                text.append(charset.symbol(best));
                confSum += bestP;
                kept++;
            }
            previous = best;
        }
        double score = kept == 0 ? 0 : Math.max(0, Math.min(1, confSum / kept));
        return new Recognized(text.toString(), score);
    }
}
