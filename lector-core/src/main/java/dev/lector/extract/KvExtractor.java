package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import dev.lector.result.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key-value pair of a form: a label ending in a colon followed by its value on the same
 * line, or, when nothing follows it, the nearest line to its right on the same row or the line
 * below it (when that line is not a label itself). Fields are the pairs by key (first occurrence).
 */
public final class KvExtractor implements FieldExtractor {

    /** A label: 1-60 characters with a letter, then a colon (ASCII or full width). */
    private static final Pattern LABEL = Pattern.compile("^\\s*(?<key>[^:：]{1,60}?)\\s*[:：]\\s*(?<rest>.*)$");

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public Extraction extract(Page page) {
        PageLines pl = new PageLines(page);
        List<KeyValuePair> pairs = new ArrayList<>();
        Set<Integer> usedAsValue = new HashSet<>();
        for (L l : pl.all()) {
            if (usedAsValue.contains(l.index())) continue;
            Matcher m = LABEL.matcher(l.text());
            if (!m.matches()) continue;
            String key = m.group("key").strip();
            if (key.codePoints().noneMatch(Character::isLetter) || isTime(l.text(), m)) continue;
            String rest = Values.trim(m.group("rest"));
            int keyEnd = m.start("rest");
            if (!rest.isEmpty()) {
                inline(pl, l, pairs);
                continue;
            }
            L value = null;
            List<L> right = pl.rightOf(l);
            if (!right.isEmpty() && !isLabel(right.getFirst()) && right.getFirst().x0() - l.x1() < 12 * l.height()) value = right.getFirst();
            if (value == null) {
                List<L> list = stacked(pl, l, usedAsValue);
                if (list.size() >= 2 && list.stream().allMatch(v -> v.text().strip().split("\\s+").length <= 6)) {
                    // a list under its label ("Company:" over a column of names): one pair per entry
                    for (L v : list) {
                        usedAsValue.add(v.index());
                        pairs.add(new KeyValuePair(key, Values.trim(v.text()), pl.box(l, 0, keyEnd), v.box(), List.of(l.index()),
                                List.of(v.index()), TemplateExtractor.confidence(List.of(l, v), 0.9)));
                    }
                    continue;
                }
                if (!list.isEmpty()) value = list.getFirst();
            }
            if (value == null || usedAsValue.contains(value.index())) continue;
            String v = Values.trim(value.text());
            if (v.isEmpty()) continue;
            usedAsValue.add(value.index());
            pairs.add(new KeyValuePair(key, v, pl.box(l, 0, keyEnd), value.box(), List.of(l.index()), List.of(value.index()),
                    TemplateExtractor.confidence(List.of(l, value), 1)));
        }
        labelColumn(pl, pairs, usedAsValue);
        Map<String, Field> fields = new LinkedHashMap<>();
        for (KeyValuePair p : pairs) {
            if (fields.containsKey(p.key())) continue;
            fields.put(p.key(), new Field(p.key(), p.value(), p.value(), p.confidence(), p.valueBox(), p.valueLines(), p.key(), List.of()));
        }
        return new Extraction("kv", fields, pairs, List.of());
    }

    /**
     * Labels without colons in a form's label column: two or more rows, their left lines aligned
     * and label-like (short, letters), each with one value line to its right across a gap.
     */
    private static void labelColumn(PageLines pl, List<KeyValuePair> pairs, Set<Integer> used) {
        Set<Integer> keys = new HashSet<>();
        for (KeyValuePair p : pairs) keys.addAll(p.keyLines());
        List<L[]> rows = new ArrayList<>();
        for (L l : pl.all()) {
            if (used.contains(l.index()) || keys.contains(l.index()) || !isHeading(l) || LABEL.matcher(l.text()).matches()) continue;
            List<L> right = pl.rightOf(l);
            // one value to its right: a row of three or more cells is a table row, not a label and its value
            if (right.size() != 1) continue;
            L v = right.getFirst();
            if (used.contains(v.index()) || keys.contains(v.index()) || LABEL.matcher(v.text()).matches() || isHeading(v) && isUpper(l) && isUpper(v)) continue;
            double gap = v.x0() - l.x1();
            if (gap < 1.0 * l.height() || gap > 15 * l.height()) continue;
            rows.add(new L[] {l, v});
        }
        for (L[] r : rows) {
            long aligned = rows.stream().filter(o -> o != r && Math.abs(o[0].x0() - r[0].x0()) < r[0].height()
                    && Math.abs(o[0].cy() - r[0].cy()) < 8 * r[0].height()).count();
            if (aligned < 1) continue;
            String v = Values.trim(r[1].text());
            if (v.isEmpty()) continue;
            used.add(r[1].index());
            pairs.add(new KeyValuePair(Values.trim(r[0].text()), v, r[0].box(), r[1].box(), List.of(r[0].index()), List.of(r[1].index()),
                    TemplateExtractor.confidence(List.of(r[0], r[1]), 0.8)));
        }
    }

    /** The lines under a label in its column, nearest first, until a gap, a label or a heading. */
    private static List<L> stacked(PageLines pl, L label, Set<Integer> used) {
        List<L> out = new ArrayList<>();
        L prev = label;
        while (out.size() < 20) {
            List<L> below = pl.below(prev, out.isEmpty() ? 1.2 : 1.0);
            if (below.isEmpty()) break;
            L v = below.getFirst();
            if (isLabel(v) || LABEL.matcher(v.text()).matches() || used.contains(v.index())) break;
            if (Math.abs(v.x0() - (out.isEmpty() ? label : out.getFirst()).x0()) > 3 * label.height()) break;
            out.add(v);
            prev = v;
        }
        return out;
    }

    /** A colon not between two digits (12:30 is a time). */
    private static final Pattern COLON = Pattern.compile("(?<!\\d)[:：]|[:：](?!\\d)");

    /**
     * "Key: value" pairs on one line, several where the line has several ("Area: 5 Region: 17"):
     * a later key is the word just before its colon.
     */
    private static void inline(PageLines pl, L l, List<KeyValuePair> pairs) {
        String t = l.text();
        List<Integer> colons = new ArrayList<>();
        Matcher c = COLON.matcher(t);
        while (c.find()) colons.add(c.start());
        int keyStart = 0;
        for (int i = 0; i < colons.size(); i++) {
            int colon = colons.get(i);
            int valueStart = colon + 1;
            int valueEnd = t.length(), nextKeyStart = t.length();
            if (i + 1 < colons.size()) {
                int next = colons.get(i + 1);
                int ws = t.lastIndexOf(' ', next - 1);
                while (ws > valueStart && ws == next - 1) ws = t.lastIndexOf(' ', ws - 1);
                if (ws > valueStart) {
                    valueEnd = ws;
                    nextKeyStart = ws + 1;
                } else {
                    continue; // no room for a value before the next colon: they belong to one key or value
                }
            }
            String key = t.substring(keyStart, colon).strip();
            String value = Values.trim(t.substring(valueStart, valueEnd));
            keyStart = nextKeyStart;
            if (key.codePoints().noneMatch(Character::isLetter) || value.isEmpty()) continue;
            pairs.add(new KeyValuePair(key, value, pl.box(l, t.indexOf(key), colon + 1), pl.box(l, valueStart, valueEnd),
                    List.of(l.index()), List.of(l.index()), TemplateExtractor.confidence(List.of(l), 1)));
        }
    }

    /**
     * Table columns: a row of two or more short headings without colons (letters, at most 4
     * words), each paired with the cells under it, row by row, while the rows keep coming.
     */
    private static void columns(PageLines pl, List<KeyValuePair> pairs, Set<Integer> used) {
        Set<Integer> seenRows = new HashSet<>();
        for (L l : pl.all()) {
            if (seenRows.contains(l.index())) continue;
            List<L> row = pl.row(l);
            for (L r : row) seenRows.add(r.index());
            List<L> heads = row.stream().filter(KvExtractor::isHeading).toList();
            if (heads.size() < 2 || heads.size() < row.size() - 1) continue;
            for (L h : heads) {
                L prev = h;
                int n = 0;
                while (n < 30) {
                    List<L> below = pl.below(prev, 1.5);
                    if (below.isEmpty()) break;
                    L cell = below.getFirst();
                    if (isHeading(cell) && n == 0 || LABEL.matcher(cell.text()).matches() || used.contains(cell.index())) break;
                    // the cell must sit in this heading's column, not span the next one
                    double overlap = Math.min(h.x1(), cell.x1()) - Math.max(h.x0(), cell.x0());
                    if (overlap < 0.3 * Math.min(h.x1() - h.x0(), cell.x1() - cell.x0())) break;
                    String v = Values.trim(cell.text());
                    if (v.isEmpty()) break;
                    pairs.add(new KeyValuePair(Values.trim(h.text()), v, h.box(), cell.box(), List.of(h.index()), List.of(cell.index()),
                            TemplateExtractor.confidence(List.of(h, cell), 0.8)));
                    prev = cell;
                    n++;
                }
            }
        }
    }

    private static boolean isUpper(L l) {
        return l.text().codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }

    /** A column heading: 1-4 words, mostly letters, no colon, not a number. */
    private static boolean isHeading(L l) {
        String t = l.text().strip();
        if (t.isEmpty() || t.contains(":") || t.contains("：")) return false;
        long letters = t.codePoints().filter(Character::isLetter).count();
        return letters >= 2 && letters >= 0.7 * t.replace(" ", "").length() && t.split("\\s+").length <= 4 && t.length() <= 40;
    }

    private static boolean isLabel(L l) {
        Matcher m = LABEL.matcher(l.text());
        return m.matches() && Values.trim(m.group("rest")).isEmpty() && m.group("key").codePoints().anyMatch(Character::isLetter);
    }

    /** "12:30" is a time, not a label. */
    private static boolean isTime(String text, Matcher m) {
        int c = m.end("key");
        while (c < text.length() && text.charAt(c) != ':' && text.charAt(c) != '：') c++;
        return c > 0 && c + 1 < text.length() && Character.isDigit(text.charAt(c - 1)) && Character.isDigit(text.charAt(c + 1))
                && m.group("key").strip().matches(".*\\d$");
    }
}
