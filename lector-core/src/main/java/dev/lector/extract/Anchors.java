package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import java.util.ArrayList;
import java.util.List;

/** Finding labels on a page's lines by approximate matching, and the text after them. */
final class Anchors {

    /** A label found on a line: the line, where the label ends in its text, the page's label text, similarity. */
    record Hit(L line, int labelStart, int labelEnd, String label, double similarity, int rank) {
        String remainder() {
            return line.text().substring(Math.min(labelEnd, line.text().length()));
        }
    }

    private Anchors() {}

    /**
     * The best occurrence of any of {@code anchors} on {@code line}, or null. An anchor matches
     * with at most {@link Fuzzy#tolerance} edits; among matches the longest label wins, then the
     * one listed first. CJK anchors must match exactly.
     */
    static Hit find(L line, List<String> anchors) {
        return find(line, anchors, false);
    }

    /** {@code lenient}: one edit tolerated from four characters on (see {@link Fuzzy#tolerance(int, boolean)}). */
    static Hit find(L line, List<String> anchors, boolean lenient) {
        Hit best = null;
        int bestLength = 0;
        for (int r = 0; r < anchors.size(); r++) {
            Label l = raw(anchors.get(r));
            String a = l.folded();
            if (a.isEmpty()) continue;
            Hit h = match(line, l, r, false, lenient);
            if (h == null) continue;
            if (best == null || a.length() > bestLength && h.similarity() >= best.similarity() - 0.01
                    || h.similarity() > best.similarity() + 0.2) {
                best = h;
                bestLength = a.length();
            }
        }
        return best;
    }

    static Hit match(L line, String folded, int rank) {
        return match(line, folded, rank, false);
    }

    /** {@code exactShort}: labels of up to 5 chars must match exactly. */
    static Hit match(L line, String folded, int rank, boolean exactShort) {
        return match(line, folded, rank, exactShort, false);
    }

    static Hit match(L line, String folded, int rank, boolean exactShort, boolean lenient) {
        return match(line, label(folded), rank, exactShort, lenient);
    }

    private static Hit match(L line, Label label, int rank, boolean exactShort, boolean lenient) {
        String text = line.folded().text();
        if (text.isEmpty()) return null;
        String folded = label.folded();
        boolean cjk = label.cjk();
        int tol = cjk || (exactShort && folded.length() <= 5) ? 0 : Fuzzy.tolerance(folded.length(), lenient);
        if (Long.bitCount(label.mask() & ~line.mask()) > tol) return null;
        Fuzzy.Match m = Fuzzy.findWithin(folded, label.canon(), text, line.folded().canon(), tol);
        if (m == null || m.end() <= m.start()) return null;
        // a label of letters must be matched by letters: OCR confusions (0/o, 1/l, 8/b) count only once
        int wantLetters = letters(folded, 0, folded.length());
        int gotLetters = letters(text, m.start(), m.end());
        if (gotLetters < wantLetters - 1 || (wantLetters >= 2 && gotLetters < 2)) return null;
        // a short label must not sit inside a longer word ("no" in "notes", "date" in "update")
        int s = line.folded().originStart(m.start());
        int e = line.folded().originEnd(m.end(), line.text().length());
        if (!cjk && folded.length() <= 5) {
            if (s > 0 && Character.isLetter(line.text().charAt(s - 1))) return null;
            if (e < line.text().length() && Character.isLetter(line.text().charAt(e))) {
                // an approximate match may stop short of its word's end ("Totl" in "TOTAL"): take the whole word if it still fits
                int we = e;
                while (we < line.text().length() && Character.isLetter(line.text().charAt(we))) we++;
                if (Fuzzy.distance(folded, Fuzzy.key(line.text().substring(s, we))) > tol) return null;
                e = we;
            }
        }
        return new Hit(line, s, e, line.text().substring(s, e), m.similarity(), rank);
    }

    /** Whether any of {@code anchors} occurs on {@code line}. */
    static boolean any(L line, List<String> anchors) {
        return !anchors.isEmpty() && find(line, anchors) != null;
    }

    /** Every line with a label from {@code anchors} and none from {@code exclude}, in reading order. */
    static List<Hit> all(PageLines page, List<String> anchors, List<String> exclude, boolean lenient) {
        List<Hit> out = new ArrayList<>();
        for (L l : page.all()) {
            Hit h = find(l, anchors, lenient);
            if (h == null) continue;
            if (excluded(l, exclude)) continue;
            out.add(h);
        }
        return out;
    }

    /** Whether one of {@code exclude} occurs on the line exactly (folded): exclusions must not match by accident. */
    static boolean excluded(L line, List<String> exclude) {
        for (String e : exclude) {
            String k = Fuzzy.key(e);
            if (!k.isEmpty() && match(line, k, 0, true) != null && line.folded().text().contains(k)) return true;
        }
        return false;
    }

    /** A folded label prepared for matching: its canonical form, its character classes, whether it is CJK. */
    private record Label(String folded, String canon, long mask, boolean cjk) {
        static Label of(String folded) {
            return new Label(folded, Fuzzy.canon(folded), Fuzzy.mask(folded), hasCjk(folded));
        }
    }

    // labels are few and short: remembered (a bounded number of them), by their folded text and as written
    private static final java.util.concurrent.ConcurrentHashMap<String, Label> LABELS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<String, Label> RAW = new java.util.concurrent.ConcurrentHashMap<>();

    /** The prepared form of a folded label. */
    private static Label label(String folded) {
        Label l = LABELS.get(folded);
        if (l != null) return l;
        l = Label.of(folded);
        if (folded.length() <= 64 && LABELS.size() < 20_000) LABELS.put(folded, l);
        return l;
    }

    /** The prepared form of a label as written (folded first). */
    private static Label raw(String anchor) {
        Label l = RAW.get(anchor);
        if (l != null) return l;
        l = label(Fuzzy.key(anchor));
        if (anchor.length() <= 64 && RAW.size() < 20_000) RAW.put(anchor, l);
        return l;
    }

    private static int letters(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (Character.isLetter(s.charAt(i))) n++;
        return n;
    }

    private static boolean hasCjk(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x2E80 && isCjk(s.codePointAt(i))) return true;
        }
        return false;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
