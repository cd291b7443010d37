package dev.lector.eval;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Text comparison on Unicode code points (a CJK character or an emoji counts as one, whatever
 * its UTF-16 length): Levenshtein distance, character error rate, character-bag overlap, and
 * the normalisations the evaluation applies before comparing.
 */
public final class TextMetrics {
    private TextMetrics() {}

    /**
     * Levenshtein distance (insert, delete, substitute each cost 1) between the code points of
     * {@code a} and {@code b}. Two-row dynamic programme after stripping the common prefix and
     * suffix: O(n*m) time, O(min(n, m)) memory; two 5000-character pages take tens of ms.
     */
    public static int editDistance(String a, String b) {
        return editDistance(a.codePoints().toArray(), b.codePoints().toArray());
    }

    static int editDistance(int[] a, int[] b) {
        int start = 0, endA = a.length, endB = b.length;
        while (start < endA && start < endB && a[start] == b[start]) start++;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) {
            endA--;
            endB--;
        }
        int n = endA - start, m = endB - start;
        if (n == 0) return m;
        if (m == 0) return n;
        if (m > n) { // keep the rows as short as the shorter string
            int[] t = a;
            a = b;
            b = t;
            int tn = n;
            n = m;
            m = tn;
        }
        int[] previous = new int[m + 1], current = new int[m + 1];
        for (int j = 0; j <= m; j++) previous[j] = j;
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int ai = a[start + i - 1];
            for (int j = 1; j <= m; j++) {
                int substitute = previous[j - 1] + (ai == b[start + j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[m];
    }

    /** Character error rate: edit distance / max(1, code points in {@code ref}). Not normalised. */
    public static double cer(String ref, String hyp) {
        return (double) editDistance(ref, hyp) / Math.max(1, ref.codePointCount(0, ref.length()));
    }

    /** Number of code points. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Page-level normal form: NFKC (full-width letters/digits/punctuation become ASCII, ligatures
     * split), then lower case in {@link Locale#ROOT} if asked, then every whitespace character
     * removed (line breaks and the spaces a recogniser may or may not put between words).
     */
    public static String normalizeForPage(String s, boolean ignoreCase) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (ignoreCase) n = n.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(c -> !isSpace(c)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * Line-level normal form: NFKC, lower case in {@link Locale#ROOT} if asked, leading and
     * trailing whitespace removed and inner runs of whitespace made one ASCII space.
     */
    public static String normalizeForLine(String s, boolean ignoreCase) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (ignoreCase) n = n.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        boolean pendingSpace = false;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            i += Character.charCount(c);
            if (isSpace(c)) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) out.append(' ');
                pendingSpace = false;
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * How many code points two texts share as multisets ("character bags"), order ignored:
     * the basis of character-bag precision, recall and F1. Inputs are compared as given.
     */
    public static CharBagOverlap charBagOverlap(String ref, String hyp) {
        Map<Integer, Integer> bag = new HashMap<>();
        ref.codePoints().forEach(c -> bag.merge(c, 1, Integer::sum));
        int[] common = {0};
        hyp.codePoints().forEach(c -> {
            Integer left = bag.get(c);
            if (left != null && left > 0) {
                bag.put(c, left - 1);
                common[0]++;
            }
        });
        return new CharBagOverlap(common[0], length(ref), length(hyp));
    }

    /** Character-bag F1 of one pair of texts (see {@link #charBagOverlap}). */
    public static double charBagF1(String ref, String hyp) {
        return charBagOverlap(ref, hyp).f1();
    }
}
