package dev.lector.extract;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Approximate matching of labels against line text: both sides folded (NFKC, lower case, only
 * letters and digits kept, common OCR confusions of digits inside words undone) and compared by
 * edit distance against the best-matching substring of the line (Sellers' algorithm).
 */
final class Fuzzy {

    private Fuzzy() {}

    /** A line's text folded for matching, with the index of each folded char in the original. */
    record Folded(String text, int[] origin) {
        /** Position in the original text just after folded char {@code end - 1}. */
        int originEnd(int end, int originalLength) {
            return end == 0 ? 0 : origin[end - 1] + 1;
        }

        int originStart(int start) {
            return start < origin.length ? origin[start] : Integer.MAX_VALUE;
        }
    }

    /** A match of a pattern inside a folded text: [start, end) in folded chars, with its edit distance. */
    record Match(int start, int end, int distance, int patternLength) {
        /** 1 for an exact match, falling with the share of edits. */
        double similarity() {
            return patternLength == 0 ? 0 : Math.max(0, 1 - (double) distance / patternLength);
        }
    }

    static Folded fold(String s) {
        // NFKC may change lengths: fold code point by code point, keeping where each came from
        StringBuilder out = new StringBuilder();
        int[] origin = new int[s.length() * 2 + 4];
        int k = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp < 128) {
                // ASCII: NFKC leaves it alone
                if (Character.isLetterOrDigit(cp)) {
                    if (k + 1 > origin.length) origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                    out.append((char) Character.toLowerCase(cp));
                    origin[k++] = i;
                }
                i++;
                continue;
            }
            String part = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            for (int j = 0; j < part.length(); ) {
                int c = part.codePointAt(j);
                if (Character.isLetterOrDigit(c)) {
                    if (k + 2 > origin.length) origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                    for (char ch : Character.toChars(c)) {
                        out.append(ch);
                        origin[k++] = i;
                    }
                }
                j += Character.charCount(c);
            }
            i += Character.charCount(cp);
        }
        return new Folded(out.toString(), java.util.Arrays.copyOf(origin, k));
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code s} folded, without positions; labels (short strings) are remembered, a bounded number of them. */
    static String key(String s) {
        String k = KEYS.get(s);
        if (k != null) return k;
        k = fold(s).text();
        if (s.length() <= 64 && KEYS.size() < 20_000) KEYS.put(s, k);
        return k;
    }

    /**
     * The best approximate occurrence of {@code pattern} in {@code text} (both folded), ties to
     * the leftmost; null when the pattern is empty.
     */
    static Match find(String pattern, String text) {
        int m = pattern.length(), n = text.length();
        if (m == 0) return null;
        int[] prev = new int[m + 1], cur = new int[m + 1];
        int[] startPrev = new int[m + 1], startCur = new int[m + 1];
        for (int i = 0; i <= m; i++) {
            prev[i] = i;
            startPrev[i] = 0;
        }
        char[] p = pattern.toCharArray(), t = text.toCharArray();
        int best = prev[m], bestEnd = 0, bestStart = 0;
        for (int j = 1; j <= n; j++) {
            cur[0] = 0;
            startCur[0] = j;
            char tc = t[j - 1];
            for (int i = 1; i <= m; i++) {
                int sub = prev[i - 1] + (same(p[i - 1], tc) ? 0 : 1);
                int del = prev[i] + 1; // text char skipped
                int ins = cur[i - 1] + 1; // pattern char missing
                int v = sub;
                int st = startPrev[i - 1];
                if (del < v) {
                    v = del;
                    st = startPrev[i];
                }
                if (ins < v) {
                    v = ins;
                    st = startCur[i - 1];
                }
                cur[i] = v;
                startCur[i] = st;
            }
            if (cur[m] < best) {
                best = cur[m];
                bestEnd = j;
                bestStart = startCur[m];
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
            swap = startPrev;
            startPrev = startCur;
            startCur = swap;
        }
        if (bestEnd == 0) return new Match(0, 0, best, m);
        return new Match(bestStart, bestEnd, best, m);
    }

    /** Edits tolerated for a label of {@code length} folded chars: none up to 4 (OCR confusions aside), then one per 4. */
    static int tolerance(int length) {
        return tolerance(length, false);
    }

    /** {@code lenient} (caller keys, where the closest match wins): one edit from 4 chars on. */
    static int tolerance(int length, boolean lenient) {
        if (length <= (lenient ? 3 : 4)) return 0;
        return Math.max(1, length / 4);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Long> MASKS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Which character classes a folded text holds, one bit each (OCR-confusable characters share
     * a class): a label with more classes missing from a line than its edit tolerance cannot
     * match it, which spares most edit-distance runs.
     */
    static long mask(String folded) {
        long m = 0;
        for (int i = 0; i < folded.length(); i++) m |= 1L << bucket(folded.charAt(i));
        return m;
    }

    /** {@link #mask} of a label, remembered like {@link #key}. */
    static long labelMask(String folded) {
        Long m = MASKS.get(folded);
        if (m != null) return m;
        long v = mask(folded);
        if (folded.length() <= 64 && MASKS.size() < 20_000) MASKS.put(folded, v);
        return v;
    }

    private static int bucket(char c) {
        switch (c) {
            case '0': return 'o' - 'a';
            case '1': case 'i': return 'l' - 'a';
            case '5': return 's' - 'a';
            case '8': return 'b' - 'a';
            default:
        }
        if (c >= 'a' && c <= 'z') return c - 'a';
        if (c >= '0' && c <= '9') return 26 + (c - '0');
        return 36 + (c % 28);
    }

    /** Characters OCR confuses, treated as equal in labels. */
    private static boolean same(char a, char b) {
        if (a == b) return true;
        return pair(a, b, 'o', '0') || pair(a, b, 'l', '1') || pair(a, b, 'i', '1') || pair(a, b, 'i', 'l')
                || pair(a, b, 's', '5') || pair(a, b, 'b', '8');
    }

    private static boolean pair(char a, char b, char x, char y) {
        return (a == x && b == y) || (a == y && b == x);
    }

    /** Plain edit distance (for comparing whole strings). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
