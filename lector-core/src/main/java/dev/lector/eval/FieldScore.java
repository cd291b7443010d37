package dev.lector.eval;

import dev.lector.extract.Amounts;
import dev.lector.extract.Dates;
import dev.lector.extract.Extraction;
import dev.lector.extract.Field;
import dev.lector.extract.KeyValuePair;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores extracted fields against labels: a field is right when its value equals the label after
 * whitespace and case normalisation (all whitespace removed, NFKC, lower case), or when both read
 * as the same amount (compared as numbers) or the same date. Per field: true positives (right),
 * false positives (given but wrong or not labelled), false negatives (labelled but missing or
 * wrong); precision, recall, F1 and micro-F1 over all fields. Pairs (FUNSD {@code kv_pairs}):
 * a predicted pair is right when key and value both match a labelled pair after the same
 * normalisation with punctuation at their ends dropped ({@code "DATE:"} = {@code "Date"}),
 * one-to-one; a fuzzy variant counts key and value as matching when their edit distance is at
 * most a fifth of the label's length. Not thread-safe: add from one thread.
 */
public final class FieldScore {

    /** Counts for one field. */
    public record Counts(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(int dtp, int dfp, int dfn) {
            return new Counts(tp + dtp, fp + dfp, fn + dfn);
        }
    }

    /** A labelled field an image missed: what the label says and what was extracted (null: nothing). */
    public record Miss(String image, String field, String expected, String got) {}

    private final Map<String, Counts> fields = new TreeMap<>();
    private final Map<String, Counts> loose = new TreeMap<>();
    private final List<Miss> misses = new ArrayList<>();
    private Counts pairs = new Counts(0, 0, 0);
    private Counts fuzzyPairs = new Counts(0, 0, 0);
    private int images;
    private int pairImages;

    /** Adds one image's extraction against its labels. */
    public void add(FieldLabels.Image gold, Extraction got) {
        images++;
        for (Map.Entry<String, String> e : gold.fields().entrySet()) {
            Field f = got.field(e.getKey());
            Counts c = fields.getOrDefault(e.getKey(), new Counts(0, 0, 0));
            if (f == null) {
                c = c.plus(0, 0, 1);
                misses.add(new Miss(gold.fileName(), e.getKey(), e.getValue(), null));
            } else if (matches(e.getValue(), f)) {
                c = c.plus(1, 0, 0);
            } else {
                c = c.plus(0, 1, 1);
                misses.add(new Miss(gold.fileName(), e.getKey(), e.getValue(), f.value()));
            }
            fields.put(e.getKey(), c);
            Counts lc = loose.getOrDefault(e.getKey(), new Counts(0, 0, 0));
            if (f == null) lc = lc.plus(0, 0, 1);
            else if (matches(e.getValue(), f) || alnum(e.getValue()).equals(alnum(f.value()))) lc = lc.plus(1, 0, 0);
            else lc = lc.plus(0, 1, 1);
            loose.put(e.getKey(), lc);
        }
        if (!gold.pairs().isEmpty()) {
            pairImages++;
            matchPairs(gold.pairs(), got.pairs());
        }
    }

    /** Whether extracted field {@code f} equals the label {@code expected}. */
    public static boolean matches(String expected, Field f) {
        if (norm(expected).equals(norm(f.value())) || norm(expected).equals(norm(f.normalized()))) return true;
        BigDecimal a = amountOnly(expected), b = amountOnly(f.value());
        if (a != null && b != null && a.compareTo(b) == 0) return true;
        String d = Dates.iso(expected, Dates.Order.DMY);
        return d != null && d.equals(f.normalized()) && wholeDate(expected);
    }

    private static boolean wholeDate(String s) {
        Dates.Found f = Dates.find(s, Dates.Order.DMY);
        return f != null && norm(f.text()).length() >= norm(s).length() - 1;
    }

    /** The amount in {@code s} when {@code s} is nothing but an amount (with a currency), else null. */
    static BigDecimal amountOnly(String s) {
        List<Amounts.Found> all = Amounts.findAll(s.strip());
        if (all.size() != 1) return null;
        Amounts.Found a = all.getFirst();
        return norm(a.text()).length() >= norm(s).length() - 1 ? a.value() : null;
    }

    /** NFKC, lower case, every whitespace character removed. */
    public static String norm(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** Letters and digits only (NFKC, lower case): the loose comparison, punctuation ignored. */
    static String alnum(String s) {
        return norm(s).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** {@link #norm} with punctuation at the ends dropped. */
    static String pairNorm(String s) {
        return norm(s).replaceAll("^[\\p{Punct}\\p{IsPunctuation}]+|[\\p{Punct}\\p{IsPunctuation}]+$", "");
    }

    private void matchPairs(List<FieldLabels.Pair> gold, List<KeyValuePair> got) {
        // exact, one to one
        boolean[] usedGold = new boolean[gold.size()];
        int tp = 0;
        for (KeyValuePair p : got) {
            String k = pairNorm(p.key()), v = pairNorm(p.value());
            for (int i = 0; i < gold.size(); i++) {
                if (!usedGold[i] && pairNorm(gold.get(i).key()).equals(k) && pairNorm(gold.get(i).value()).equals(v)) {
                    usedGold[i] = true;
                    tp++;
                    break;
                }
            }
        }
        pairs = new Counts(pairs.tp() + tp, pairs.fp() + got.size() - tp, pairs.fn() + gold.size() - tp);
        // fuzzy
        boolean[] usedFuzzy = new boolean[gold.size()];
        int ftp = 0;
        for (KeyValuePair p : got) {
            String k = pairNorm(p.key()), v = pairNorm(p.value());
            for (int i = 0; i < gold.size(); i++) {
                if (!usedFuzzy[i] && close(pairNorm(gold.get(i).key()), k) && close(pairNorm(gold.get(i).value()), v)) {
                    usedFuzzy[i] = true;
                    ftp++;
                    break;
                }
            }
        }
        fuzzyPairs = new Counts(fuzzyPairs.tp() + ftp, fuzzyPairs.fp() + got.size() - ftp, fuzzyPairs.fn() + gold.size() - ftp);
    }

    private static boolean close(String gold, String got) {
        if (gold.equals(got)) return true;
        if (gold.isEmpty() || got.isEmpty()) return false;
        return TextMetrics.editDistance(gold, got) <= gold.length() / 5;
    }

    public Map<String, Counts> fields() {
        return new LinkedHashMap<>(fields);
    }

    /**
     * Per field, counted with punctuation ignored as well (letters and digits compared): key
     * fields whose labels re-punctuate the printed text (SROIE addresses) are told apart from
     * wrong values. Reported beside the strict counts, never instead of them.
     */
    public Map<String, Counts> looseFields() {
        return new LinkedHashMap<>(loose);
    }

    public Counts looseMicro() {
        return sum(loose);
    }

    /** Micro-averaged counts over every field. */
    public Counts micro() {
        return sum(fields);
    }

    private static Counts sum(Map<String, Counts> m) {
        int tp = 0, fp = 0, fn = 0;
        for (Counts c : m.values()) {
            tp += c.tp();
            fp += c.fp();
            fn += c.fn();
        }
        return new Counts(tp, fp, fn);
    }

    public Counts pairs() {
        return pairs;
    }

    public Counts fuzzyPairs() {
        return fuzzyPairs;
    }

    public List<Miss> misses() {
        return List.copyOf(misses);
    }

    public int images() {
        return images;
    }

    public int pairImages() {
        return pairImages;
    }
}
