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

    /**
     * A line's text folded for matching, with the index of each folded char in the original, and
     * the folded text with OCR-confusable characters made one ({@link #canon(String)}).
     */
    record Folded(String text, int[] origin, String canon) {
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
        String text = out.toString();
        return new Folded(text, java.util.Arrays.copyOf(origin, k), canon(text));
    }

    /**
     * {@code folded} with each class of characters OCR confuses, treated as equal in labels (o and
     * 0; l, 1 and i; s and 5; b and 8), written as one character.
     */
    static String canon(String folded) {
        char[] c = null;
        for (int i = 0; i < folded.length(); i++) {
            char ch = folded.charAt(i), k = canon(ch);
            if (k != ch) {
                if (c == null) c = folded.toCharArray();
                c[i] = k;
            }
        }
        return c == null ? folded : new String(c);
    }

    private static char canon(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', 'i' -> 'l';
            case '5' -> 's';
            case '8' -> 'b';
            default -> c;
        };
    }

    /**
     * {@link #find} when its match has at most {@code tol} edits, else null, without running the
     * edit distance where no such match can be: a match with {@code tol} edits leaves at least one
     * of {@code tol + 1} consecutive pieces of the pattern intact (each edit touches at most one
     * piece), so when no piece occurs in the text (compared canonically) there is none; with no
     * edits allowed the match is the first occurrence of the whole pattern. The answer is exactly
     * that of {@code find} filtered by distance.
     */
    static Match findWithin(String pattern, String patternCanon, String text, String textCanon, int tol) {
        int m = pattern.length();
        if (m == 0) return null;
        if (tol <= 0) {
            int at = textCanon.indexOf(patternCanon);
            return at < 0 ? null : new Match(at, at + m, 0, m);
        }
        if (tol >= m) {
            Match r = findCanon(patternCanon, textCanon);
            return r.distance() > tol ? null : r;
        }
        int pieces = tol + 1;
        boolean any = false;
        for (int k = 0; k < pieces && !any; k++) {
            int from = k * m / pieces, to = (k + 1) * m / pieces;
            if (to > from && textCanon.indexOf(patternCanon.substring(from, to)) >= 0) any = true;
        }
        if (!any) return null;
        if (m <= 64 && bestDistance(patternCanon, textCanon) > tol) return null;
        Match r = findCanon(patternCanon, textCanon);
        return r == null || r.distance() > tol ? null : r;
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
        return findCanon(canon(pattern), canon(text));
    }

    /** {@link #find} on canonical texts ({@link #canon(String)}), where OCR-confusable characters are already one. */
    private static Match findCanon(String pattern, String text) {
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
                int sub = prev[i - 1] + (p[i - 1] == tc ? 0 : 1);
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

    /**
     * The smallest edit distance of {@code pattern} (at most 64 chars) to any substring of
     * {@code text}, both canonical: Myers' bit-vector algorithm (J. ACM 46(3), 1999), one pass of a
     * few word operations per text char, the same number {@link #findCanon} finds cell by cell.
     */
    static int bestDistance(String pattern, String text) {
        int m = pattern.length();
        long high = 1L << (m - 1);
        long pv = m == 64 ? -1L : (1L << m) - 1, mv = 0;
        int score = m, best = m;
        for (int j = 0; j < text.length(); j++) {
            char c = text.charAt(j);
            long eq = 0;
            for (int i = 0; i < m; i++) if (pattern.charAt(i) == c) eq |= 1L << i;
            long xv = eq | mv;
            long xh = (((eq & pv) + pv) ^ pv) | eq;
            long ph = mv | ~(xh | pv);
            long mh = pv & xh;
            if ((ph & high) != 0) score++;
            else if ((mh & high) != 0) score--;
            // a match may start anywhere in the text: the top row stays 0, so no carry into bit 0
            ph <<= 1;
            mh <<= 1;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
            if (score < best) best = score;
        }
        return best;
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
