package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import dev.lector.geometry.Quad;
import dev.lector.result.Page;
import dev.lector.result.Word;
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
    // compiled once (String.split and String.replaceAll with a pattern compile it on every call)
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern ENDS_DIGIT = Pattern.compile(".*\\d$");


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
        tables(pl, pairs, usedAsValue);
        for (L l : pl.all()) {
            if (usedAsValue.contains(l.index())) continue;
            Matcher m = LABEL.matcher(l.text());
            if (!m.matches()) continue;
            String key = m.group("key").strip();
            if (key.codePoints().noneMatch(Character::isLetter) || isTime(l.text(), m)) continue;
            String rest = Values.trim(m.group("rest"));
            int keyEnd = m.start("rest");
            if (!rest.isEmpty()) {
                inline(pl, l, pairs, usedAsValue);
                continue;
            }
            L value = null;
            List<L> right = pl.rightOf(l);
            if (!right.isEmpty() && !isLabel(right.getFirst()) && !countLabel(right.getFirst()) && !TICKED.matcher(right.getFirst().text()).matches()
                    && right.getFirst().x0() - l.x1() < 12 * l.height()) {
                value = right.getFirst();
            }
            if (value == null) {
                List<L> list = stacked(pl, l, usedAsValue);
                int postal = postalEnd(list);
                if (postal >= 1) {
                    // an address under its label ("LORILLARD MEDIA SERVICES" / "ONE PARK AVENUE" / "NEW YORK NY 10016"): one value
                    List<L> vs = list.subList(0, postal + 1);
                    StringBuilder sb = new StringBuilder();
                    for (L x : vs) sb.append(sb.isEmpty() ? "" : " ").append(x.text().strip());
                    for (L x : vs) usedAsValue.add(x.index());
                    List<L> both = new ArrayList<>(List.of(l));
                    both.addAll(vs);
                    pairs.add(new KeyValuePair(key, Values.trim(sb.toString()), pl.box(l, 0, keyEnd), pl.box(vs), List.of(l.index()),
                            vs.stream().map(L::index).toList(), TemplateExtractor.confidence(both, 0.9)));
                    continue;
                }
                if (list.size() >= 2 && list.stream().allMatch(v -> SPACES.split(v.text().strip()).length <= 6)) {
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
            List<L> vs = new ArrayList<>(List.of(value));
            if (value.cy() > l.y0() - 0.5 * l.height() && value.x0() > l.x1() - 0.5 * l.height()) {
                // a value to the right: the pieces after it on its row, then the lines it runs on to under itself
                for (L r : pl.rightOf(value)) {
                    if (r.x0() - vs.getLast().x1() > 1.5 * l.height() || keyLine(r) || usedAsValue.contains(r.index())) break;
                    vs.add(r);
                }
                vs.addAll(runOn(pl, l, value, usedAsValue));
            }
            StringBuilder sb = new StringBuilder();
            for (L x : vs) sb.append(sb.isEmpty() ? "" : " ").append(x.text().strip());
            String v = Values.trim(sb.toString());
            if (v.isEmpty()) continue;
            for (L x : vs) usedAsValue.add(x.index());
            L above = keyAbove(pl, l, usedAsValue, vs);
            List<L> keyLines = above == null ? List.of(l) : List.of(above, l);
            Quad keyBox = above == null ? pl.box(l, 0, keyEnd) : pl.box(keyLines);
            List<L> both = new ArrayList<>(keyLines);
            both.addAll(vs);
            pairs.add(new KeyValuePair(above == null ? key : Values.trim(above.text()) + " " + key, v, keyBox, pl.box(vs),
                    keyLines.stream().map(L::index).toList(), vs.stream().map(L::index).toList(), TemplateExtractor.confidence(both, 1)));
        }
        checkMarks(pl, pairs, usedAsValue);
        labelColumn(pl, pairs, usedAsValue);
        capsOverValue(pl, pairs, usedAsValue);
        numberLabels(pl, pairs, usedAsValue);
        Map<String, Field> fields = new LinkedHashMap<>();
        for (KeyValuePair p : pairs) {
            if (fields.containsKey(p.key())) continue;
            fields.put(p.key(), new Field(p.key(), p.value(), p.value(), p.confidence(), p.valueBox(), p.valueLines(), p.key(), List.of()));
        }
        return new Extraction("kv", fields, pairs, List.of());
    }

    /** A line that starts with a label and a colon ("Date:", "Fax: 123"), not a time ("7:00 P.M."). */
    private static boolean keyLine(L l) {
        Matcher m = LABEL.matcher(l.text());
        return m.matches() && m.group("key").codePoints().anyMatch(Character::isLetter) && !isTime(l.text(), m);
    }

    /** The lines after {@code l} on its row, each close to the one before, none a label or taken. */
    private static List<L> rowPieces(PageLines pl, L l, Set<Integer> used) {
        List<L> out = new ArrayList<>();
        L last = l;
        for (L r : pl.rightOf(l)) {
            if (r.x0() - last.x1() > 1.5 * l.height() || keyLine(r) || used.contains(r.index())) break;
            out.add(r);
            last = r;
        }
        return out;
    }

    /**
     * The lines a value to the right of its label runs on to: each close under the last, starting
     * where the value starts, with nothing to its left on its row (a label there owns it), and not
     * a label itself ("TO: ESSENCE" over "1500 BROADWAY" over "NEW YORK, NY 10036").
     */
    private static List<L> runOn(PageLines pl, L label, L value, Set<Integer> used) {
        List<L> out = new ArrayList<>();
        L prev = value;
        while (out.size() < 5) {
            List<L> below = pl.below(prev, 0.6);
            if (below.isEmpty()) break;
            L n = below.getFirst();
            if (Math.abs(n.x0() - value.x0()) > label.height() || keyLine(n) || used.contains(n.index())) break;
            boolean owned = false;
            for (L o : pl.row(n)) {
                if (o != n && o.x1() <= n.x0() + 0.5 * n.height() && o.x1() > label.x0() - label.height()) owned = true;
            }
            if (owned) break;
            out.add(n);
            prev = n;
        }
        return out;
    }

    /**
     * The first line of a label printed over two lines ("SOURCE OF" over "INFORMATION:"): right
     * above it, starting where it starts, a few words without a colon, not a value already.
     */
    private static L keyAbove(PageLines pl, L label, Set<Integer> used, List<L> value) {
        L best = null;
        for (L o : pl.all()) {
            if (o == label || used.contains(o.index())) continue;
            if (o.y1() > label.y0() + 0.3 * label.height() || label.y0() - o.y1() > 0.5 * label.height()) continue;
            if (Math.abs(o.x0() - label.x0()) > label.height()) continue;
            String t = o.text().strip();
            if (t.contains(":") || t.contains("：") || SPACES.split(t).length > 3 || t.codePoints().filter(Character::isLetter).count() < 2
                    || t.codePoints().anyMatch(Character::isDigit)) continue;
            // nothing to its right but the value itself (printed between the label's two lines)
            if (!value.containsAll(pl.rightOf(o))) continue;
            best = o;
        }
        return best;
    }

    /**
     * A box of a form: its label printed small in capitals without a colon, the value typed under
     * it ("COMPOUND NAME" over "Vanitrope"). The label: a short line of capitals (at most five
     * words, no digits, no colon), nothing else on its row close to it; the value: the next line,
     * close under it and starting within it, short, not in capitals throughout (another label),
     * not a label with a colon, and in a bigger font than the label (a name over its title is no
     * pair). Lines already in a pair are left alone.
     */
    private static void capsOverValue(PageLines pl, List<KeyValuePair> pairs, Set<Integer> used) {
        Set<Integer> taken = new HashSet<>(used);
        for (KeyValuePair p : pairs) taken.addAll(p.keyLines());
        for (L k : pl.all()) {
            if (taken.contains(k.index()) || !capsLabel(k.text())) continue;
            boolean crowded = false;
            for (L o : pl.row(k)) {
                if (o != k && Math.max(o.x0() - k.x1(), k.x0() - o.x1()) < 2 * k.height()) crowded = true;
            }
            if (crowded) continue;
            List<L> below = pl.below(k, 1.2);
            if (below.isEmpty()) continue;
            L v = below.getFirst();
            String vt = v.text().strip();
            if (taken.contains(v.index()) || keyLine(v) || v.x0() < k.x0() - k.height() || v.x0() > k.x1()
                    || vt.codePoints().noneMatch(Character::isLetterOrDigit) || SPACES.split(vt).length > 8 || upperWords(vt)
                    // the label is printed smaller than what is filled in under it (a name over a title is not)
                    || k.height() > 0.85 * v.height()) continue;
            taken.add(k.index());
            taken.add(v.index());
            used.add(v.index());
            pairs.add(new KeyValuePair(Values.trim(k.text()), Values.trim(vt), k.box(), v.box(), List.of(k.index()), List.of(v.index()),
                    TemplateExtractor.confidence(List.of(k, v), 0.8)));
        }
    }

    /** "FAX NO.(614) 466-5087", "Ticket No 028165": a label ending in No or Number and the number after it, without a colon. */
    private static final Pattern NUMBER_LABEL = Pattern.compile("^\\s*(?<key>\\p{L}[\\p{L} .'/&-]{0,30}?\\b(?:NO|No|no|NUMBER|Number|number)\\.?)\\s*(?<value>[(+#]?\\d[\\d\\s()./-]{3,})\\s*$");

    private static void numberLabels(PageLines pl, List<KeyValuePair> pairs, Set<Integer> used) {
        Set<Integer> taken = new HashSet<>(used);
        for (KeyValuePair p : pairs) taken.addAll(p.keyLines());
        for (L l : pl.all()) {
            if (taken.contains(l.index())) continue;
            Matcher m = NUMBER_LABEL.matcher(l.text());
            if (!m.matches()) continue;
            used.add(l.index());
            pairs.add(new KeyValuePair(m.group("key").strip(), Values.trim(m.group("value")), pl.box(l, m.start("key"), m.end("key")),
                    pl.box(l, m.start("value"), m.end("value")), List.of(l.index()), List.of(l.index()), TemplateExtractor.confidence(List.of(l), 0.9)));
        }
    }

    /** "FULL X": a box's option with the X that ticks it, on one line. */
    private static final Pattern TICKED = Pattern.compile("^\\s*(?<key>\\p{Lu}[\\p{Lu}\\d .'/-]{0,24}?)\\s+[xX]\\s*$");
    /** "X _NO": the X before its option (the box printed first, its line after it). */
    private static final Pattern TICKED_BEFORE = Pattern.compile("^\\s*[xX]\\s*_+\\s*(?<key>\\p{Lu}[\\p{Lu}\\d .'/-]{0,24}?)\\s*$");

    /**
     * Ticked boxes: an option and the X marking it, on one line ("FULL X") or as a lone X just to
     * the right of a short option ("SEP 15" "X"): the option is the key, "X" the value.
     */
    private static void checkMarks(PageLines pl, List<KeyValuePair> pairs, Set<Integer> used) {
        Set<Integer> taken = new HashSet<>(used);
        for (KeyValuePair p : pairs) taken.addAll(p.keyLines());
        for (L l : pl.all()) {
            if (taken.contains(l.index())) continue;
            String t = l.text().strip();
            Matcher m = TICKED.matcher(t);
            if (!m.matches()) m = TICKED_BEFORE.matcher(t);
            if (m.matches()) {
                taken.add(l.index());
                used.add(l.index());
                int x = m.pattern() == TICKED ? l.text().lastIndexOf(t.charAt(t.length() - 1)) : l.text().indexOf(t.charAt(0));
                pairs.add(new KeyValuePair(m.group("key").strip(), "X", pl.box(l, m.start("key"), m.end("key")), pl.box(l, x, x + 1), List.of(l.index()),
                        List.of(l.index()), TemplateExtractor.confidence(List.of(l), 0.8)));
                continue;
            }
            if (!t.equals("X") && !t.equals("x")) continue;
            L option = null;
            for (L o : pl.row(l)) {
                if (o == l || o.x1() > l.x0() + 0.5 * l.height() || l.x0() - o.x1() > 3 * l.height()) continue;
                if (option == null || o.x1() > option.x1()) option = o;
            }
            if (option == null || taken.contains(option.index())) continue;
            String ot = option.text().strip();
            if (SPACES.split(ot).length > 3 || ot.codePoints().noneMatch(Character::isLetter) || ot.indexOf(':') >= 0) continue;
            taken.add(l.index());
            taken.add(option.index());
            used.add(l.index());
            pairs.add(new KeyValuePair(Values.trim(ot), "X", option.box(), l.box(), List.of(option.index()), List.of(l.index()),
                    TemplateExtractor.confidence(List.of(option, l), 0.8)));
        }
    }

    private static boolean capsLabel(String text) {
        String t = text.strip();
        // initials ("L. STEVENS") and firms ("HUNTON & WILLIAMS") are names, not labels
        if (t.isEmpty() || t.length() > 40 || t.indexOf(':') >= 0 || t.indexOf('：') >= 0 || t.indexOf('.') >= 0 || t.indexOf('&') >= 0) return false;
        if (t.codePoints().anyMatch(Character::isDigit) || SPACES.split(t).length > 5) return false;
        return t.codePoints().filter(Character::isLetter).count() >= 3 && upperWords(t);
    }

    /** Every letter a capital. */
    private static boolean upperWords(String t) {
        boolean letters = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLowerCase(c)) return false;
            if (Character.isLetter(c)) letters = true;
        }
        return letters;
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
            // "(Election Date)", "(CHECK ONE)": an instruction in brackets, not a label
            if (l.text().strip().startsWith("(") && l.text().strip().endsWith(")")) continue;
            List<L> right = pl.rightOf(l);
            // one value to its right: a row of three or more cells is a table row, not a label and its value
            if (right.size() != 1) continue;
            L v = right.getFirst();
            // a tall line is text printed up the page (a stamp, a file number), not a value
            if (v.y1() - v.y0() > 2.5 * l.height()) continue;
            if (used.contains(v.index()) || keys.contains(v.index()) || LABEL.matcher(v.text()).matches()) continue;
            double gap = v.x0() - l.x1();
            if (gap < 1.0 * l.height() || gap > 15 * l.height()) continue;
            rows.add(new L[] {l, v});
        }
        for (L[] r : rows) {
            // another label starting where this one starts, not far above or below (with a value of its own or not)
            long aligned = pl.all().stream().filter(o -> o != r[0] && (isHeading(o) || isLabel(o)) && Math.abs(o.x0() - r[0].x0()) < r[0].height()
                    && Math.abs(o.cy() - r[0].cy()) < 12 * r[0].height()).count();
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
            if (isLabel(v) || countLabel(v) || LABEL.matcher(v.text()).matches() || used.contains(v.index())) break;
            if (Math.abs(v.x0() - (out.isEmpty() ? label : out.getFirst()).x0()) > 3 * label.height()) break;
            out.add(v);
            prev = v;
        }
        return out;
    }

    private static final Pattern CONTACT_KEY = Pattern.compile("(?i)(?<![\\p{L}])(fax|tel|telephone|phone|e-?mail)\\s*$");

    /** The last token with a digit, then words of letters only to the end: group 1 ends the value, group 2 is the next key. */
    private static final Pattern DIGIT_TOKEN_THEN_WORDS = Pattern.compile("\\S*\\d\\S*()\\s+(\\p{L}[\\p{L}'’.]*(?:\\s+[\\p{L}(][\\p{L}'’.()]*)*)\\s*$");

    /** A colon not between two digits (12:30 is a time). */
    private static final Pattern COLON = Pattern.compile("(?<!\\d)[:：]|[:：](?!\\d)");

    /**
     * "Key: value" pairs on one line, several where the line has several ("Area: 5 Region: 17"):
     * a later key is the word just before its colon.
     */
    private static void inline(PageLines pl, L l, List<KeyValuePair> pairs, Set<Integer> used) {
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
                    // a value with digits, then words up to the next colon: the words are the next key
                    // ("Pages: 2 HARD COPY TO FOLLOW: ...", "Date: 12/10/98 Fax No: 123")
                    Matcher d = DIGIT_TOKEN_THEN_WORDS.matcher(t.substring(valueStart, next));
                    if (d.find()) {
                        valueEnd = valueStart + d.end(1);
                        nextKeyStart = valueStart + d.start(2);
                    }
                } else {
                    continue; // no room for a value before the next colon: they belong to one key or value
                }
            }
            String key = t.substring(keyStart, colon).strip();
            // a letterhead's line, "ATT. GEN. ADMIN. OFFICE FAX: 614-466-5087": the contact word is the key
            Matcher contact = CONTACT_KEY.matcher(key);
            if (SPACES.split(key).length >= 3 && contact.find()) key = contact.group(1);
            String value = Values.trim(t.substring(valueStart, valueEnd));
            keyStart = nextKeyStart;
            if (key.codePoints().noneMatch(Character::isLetter) || value.isEmpty()) continue;
            List<L> more = valueEnd == t.length() ? rowPieces(pl, l, used) : List.of();
            Quad valueBox = pl.box(l, valueStart, valueEnd);
            if (!more.isEmpty()) {
                // the value goes on in the pieces after the line on its row ("ADDRESS: 666" "Fifth Avenue" "New York")
                StringBuilder sb = new StringBuilder(value);
                for (L x : more) sb.append(' ').append(x.text().strip());
                value = Values.trim(sb.toString());
                for (L x : more) used.add(x.index());
                List<L> all = new ArrayList<>(List.of(l));
                all.addAll(more);
                valueBox = pl.box(all);
            }
            List<Integer> valueLines = new ArrayList<>(List.of(l.index()));
            for (L x : more) valueLines.add(x.index());
            if (colons.size() == 1 && more.isEmpty()) {
                // the value goes on in the lines under it that start where it starts ("File with: Director," / "Office of ...")
                int vs = valueStart;
                while (vs < t.length() && Character.isWhitespace(t.charAt(vs))) vs++;
                List<L> under = continuation(pl, l, pl.span(pl.box(l, vs, Math.max(vs + 1, valueEnd)))[0], used);
                if (!under.isEmpty()) {
                    StringBuilder sb = new StringBuilder(t.substring(valueStart, valueEnd).strip());
                    for (L x : under) sb.append(' ').append(x.text().strip());
                    value = Values.trim(sb.toString());
                    List<L> all = new ArrayList<>(List.of(l));
                    all.addAll(under);
                    valueBox = pl.box(all);
                    for (L x : under) {
                        used.add(x.index());
                        valueLines.add(x.index());
                    }
                }
            }
            pairs.add(new KeyValuePair(key, value, pl.box(l, t.indexOf(key), colon + 1), valueBox,
                    List.of(l.index()), valueLines, TemplateExtractor.confidence(List.of(l), 1)));
        }
    }

    /**
     * The lines under a "Key: value" line that go on with its value: each close under the last
     * (a double-spaced form's line gap allowed), starting where the value starts ({@code x0}),
     * not a label, with nothing to its left on its row (a label there owns it).
     */
    private static List<L> continuation(PageLines pl, L line, double x0, Set<Integer> used) {
        List<L> out = new ArrayList<>();
        L prev = line;
        while (out.size() < 5) {
            List<L> below = pl.below(prev, 1.3);
            if (below.isEmpty()) break;
            L n = below.getFirst();
            if (Math.abs(n.x0() - x0) > line.height() || keyLine(n) || isLabel(n) || countLabel(n) || used.contains(n.index())) break;
            boolean owned = false;
            for (L o : pl.row(n)) {
                if (o != n && o.x1() <= n.x0() + 0.5 * n.height()) owned = true;
            }
            if (owned) break;
            out.add(n);
            prev = n;
        }
        return out;
    }

    /**
     * {@code l} cut in two at the space nearest to {@code x} (in the text's frame, characters taken
     * as evenly wide), both parts with letters or digits; null when there is no space within a
     * line height of {@code x}. The parts keep the line's index.
     */
    private static L[] cut(PageLines pl, L l, double x, double h) {
        String t = l.text();
        int n = t.length();
        if (n < 3 || l.x1() <= l.x0()) return null;
        int best = -1;
        double bestD = h;
        for (int i = 1; i < n - 1; i++) {
            if (t.charAt(i) != ' ') continue;
            double xi = l.x0() + (l.x1() - l.x0()) * (i + 0.5) / n;
            double d = Math.abs(xi - x);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        if (best < 0) return null;
        String a = t.substring(0, best).strip(), b = t.substring(best + 1).strip();
        if (a.codePoints().noneMatch(Character::isLetterOrDigit) || b.codePoints().noneMatch(Character::isLetterOrDigit)) return null;
        double xs = l.x0() + (l.x1() - l.x0()) * best / n, xe = l.x0() + (l.x1() - l.x0()) * (best + 1) / n;
        return new L[] {part(pl, l, 0, best, a, l.x0(), xs), part(pl, l, best + 1, n, b, xe, l.x1())};
    }

    private static L part(PageLines pl, L l, int from, int to, String text, double x0, double x1) {
        Fuzzy.Folded f = Fuzzy.fold(text);
        return new L(l.index(), text, f, Fuzzy.mask(f.text()), l.score(), pl.box(l, from, to), x0, x1, l.y0(), l.y1());
    }

    /** A table column's heading: its text, its extent across the page, the lines it came from. */
    private record Head(String text, double x0, double x1, List<L> lines) {
        double overlap(double a0, double a1) {
            return Math.min(x1, a1) - Math.max(x0, a0);
        }
    }

    /**
     * Tables: a row of two or more headings (short texts of letters, with or without a colon;
     * a heading over two rows, "IND/LOR" over "VOLUME", is joined) over rows of cells, each cell
     * paired with the heading whose column it sits in, while the rows keep coming (a line across
     * several columns, a label with its value, or a wide gap ends the table). A single line that
     * is the only one on its row, close under a cell, continues that cell ("Wachtell, Lipton,
     * Rosen" / "& Katz"). A heading printed over two columns ("VOLUME STORES") is split at its
     * words by the columns under it. Only a table with cells in two columns or more counts, and
     * under headings without colons, with two rows or more that fill two columns.
     */
    private static void tables(PageLines pl, List<KeyValuePair> pairs, Set<Integer> used) {
        List<List<L>> rows = pl.rows();
        double h = pl.typicalHeight();
        for (int i = 0; i + 1 < rows.size(); i++) {
            List<L> headRow = rows.get(i);
            // three headings or more: two side by side are as often a label and its value
            if (headRow.size() < 2 || !headingRow(headRow)) continue;
            if (headRow.stream().anyMatch(l -> used.contains(l.index()))) continue;
            List<L> first = rows.get(i + 1);
            if (first.getFirst().y0() - maxY(headRow) > 2.5 * h) continue;
            List<Head> heads = heads(pl, headRow, first);
            if (heads.size() < 3) continue;
            // a heading over two rows: the row above, all headings, close, each piece over a column
            if (i > 0) {
                List<L> above = rows.get(i - 1);
                boolean colons = LABEL.matcher(headRow.getFirst().text()).matches();
                if (headingRow(above) && LABEL.matcher(above.getFirst().text()).matches() == colons
                        && headRow.getFirst().y0() - maxY(above) < 0.8 * h
                        && above.stream().noneMatch(l -> used.contains(l.index()))) {
                    heads = prefixed(pl, heads, above);
                }
            }
            List<List<L>> cells = new ArrayList<>();
            for (int k = 0; k < heads.size(); k++) cells.add(new ArrayList<>());
            List<KeyValuePair> found = new ArrayList<>();
            double bottom = maxY(headRow);
            int columnsUsed = 0;
            int[] lastRowOf = new int[heads.size()];
            java.util.Arrays.fill(lastRowOf, -1);
            List<List<L>> cellLines = new ArrayList<>();
            List<Integer> cellHead = new ArrayList<>();
            int j = i + 1;
            int fullRows = 0;
            for (; j < rows.size(); j++) {
                List<L> row = rows.get(j);
                if (row.getFirst().y0() - bottom > 2.0 * h) break;
                boolean stop = false;
                List<int[]> assigned = new ArrayList<>();
                List<Object[]> split = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                    L cell = row.get(c);
                    Matcher lm = LABEL.matcher(cell.text());
                    if (isLabel(cell) || lm.matches() && lm.group("key").codePoints().anyMatch(Character::isLetter) && !isTime(cell.text(), lm)
                            || used.contains(cell.index())) {
                        stop = true;
                        break;
                    }
                    int best = -1, spanned = 0;
                    double bestOverlap = 0;
                    for (int k = 0; k < heads.size(); k++) {
                        Head hd = heads.get(k);
                        double o = hd.overlap(cell.x0(), cell.x1());
                        if (o > 0.5 * (hd.x1() - hd.x0())) spanned++;
                        if (o > bestOverlap) {
                            bestOverlap = o;
                            best = k;
                        }
                    }
                    if (best < 0 || spanned >= 2 && row.size() == 1) {
                        stop = true;
                        break;
                    }
                    if (spanned >= 2) {
                        // a cell run into its neighbour by the recogniser: the column it starts in
                        for (int k = 0; k < heads.size(); k++) {
                            if (heads.get(k).overlap(cell.x0(), cell.x0() + h) > 0) best = k;
                        }
                        // cut where the next column starts, at a space, when its own cell is not there too
                        // ("Davis, Polk & Wardwell (212) 450-4000" under Company and Phone No.)
                        final int col = best;
                        if (col + 1 < heads.size()) {
                            L[] parts = cut(pl, cell, heads.get(col + 1).x0(), h);
                            boolean taken = false;
                            for (L o : row) if (o != cell && heads.get(col + 1).overlap(o.x0(), o.x1()) > 0) taken = true;
                            if (parts != null && !taken) {
                                if (!aligned(heads.get(col), parts[0], h)) {
                                    stop = true;
                                    break;
                                }
                                split.add(new Object[] {c, parts, col});
                                continue;
                            }
                        }
                    }
                    if (!aligned(heads.get(best), cell, h)) {
                        stop = true;
                        break;
                    }
                    assigned.add(new int[] {c, best});
                }
                if (stop || assigned.isEmpty() && split.isEmpty()) break;
                // one line alone on its row, right under a cell of its column: that cell's next line
                if (row.size() == 1 && heads.size() >= 2 && !assigned.isEmpty()) {
                    int k = assigned.getFirst()[1];
                    int last = lastCell(cellHead, k);
                    if (last >= 0) {
                        L prev = cellLines.get(last).getLast();
                        if (row.getFirst().y0() - prev.y1() < 0.6 * h && Math.abs(row.getFirst().x0() - prev.x0()) < 2 * h) {
                            cellLines.get(last).add(row.getFirst());
                            bottom = Math.max(bottom, row.getFirst().y1());
                            continue;
                        }
                    }
                }
                if (assigned.size() + 2 * split.size() >= 2) fullRows++;
                for (int[] a : assigned) {
                    List<L> one = new ArrayList<>();
                    one.add(row.get(a[0]));
                    cellLines.add(one);
                    cellHead.add(a[1]);
                }
                for (Object[] sp : split) {
                    L[] parts = (L[]) sp[1];
                    int k = (Integer) sp[2];
                    cellLines.add(new ArrayList<>(List.of(parts[0])));
                    cellHead.add(k);
                    cellLines.add(new ArrayList<>(List.of(parts[1])));
                    cellHead.add(k + 1);
                }
                bottom = Math.max(bottom, maxY(row));
            }
            java.util.Set<Integer> columns = new HashSet<>(cellHead);
            if (columns.size() < 2) continue;
            // headings in capitals without colons over one row of cells is as often a letterhead ("FAX", the firm's name,
            // "FAX" over "COVER", its street, "COVER"): such a table needs two rows with cells in two columns or more
            if (!LABEL.matcher(headRow.getFirst().text()).matches() && fullRows < 2) continue;
            for (int c = 0; c < cellLines.size(); c++) {
                Head hd = heads.get(cellHead.get(c));
                List<L> ls = cellLines.get(c);
                StringBuilder sb = new StringBuilder();
                for (L l : ls) sb.append(sb.isEmpty() ? "" : " ").append(l.text().strip());
                String v = Values.trim(sb.toString());
                if (v.isEmpty()) continue;
                List<L> both = new ArrayList<>(hd.lines());
                both.addAll(ls);
                found.add(new KeyValuePair(hd.text(), v, pl.box(hd.lines()), pl.box(ls), hd.lines().stream().map(L::index).toList(),
                        ls.stream().map(L::index).toList(), TemplateExtractor.confidence(both, 0.85)));
                for (L l : ls) used.add(l.index());
            }
            for (Head hd : heads) for (L l : hd.lines()) used.add(l.index());
            pairs.addAll(found);
            i = j - 1;
        }
    }

    private static int lastCell(List<Integer> cellHead, int k) {
        for (int c = cellHead.size() - 1; c >= 0; c--) if (cellHead.get(c) == k) return c;
        return -1;
    }

    private static double maxY(List<L> row) {
        double m = -Double.MAX_VALUE;
        for (L l : row) m = Math.max(m, l.y1());
        return m;
    }

    /** The headings of a row; one over two or more lines of the row under it is split at its words, by those lines. */
    private static List<Head> heads(PageLines pl, List<L> row, List<L> under) {
        List<Head> out = new ArrayList<>();
        for (L l : row) {
            long over = under.stream().filter(u -> Math.min(l.x1(), u.x1()) - Math.max(l.x0(), u.x0()) > 0).count();
            List<Word> words = pl.page().lines().get(l.index()).words();
            if (over >= 2 && words.size() >= 2) {
                // group the words by the line under them
                List<Head> parts = new ArrayList<>();
                for (Word w : words) {
                    double[] s = pl.span(w.box());
                    int at = -1;
                    double bo = 0;
                    for (int u = 0; u < under.size(); u++) {
                        double o = Math.min(s[1], under.get(u).x1()) - Math.max(s[0], under.get(u).x0());
                        if (o > bo) {
                            bo = o;
                            at = u;
                        }
                    }
                    Head last = parts.isEmpty() ? null : parts.getLast();
                    if (last != null && (at < 0 || last.lines().size() == 1 && sameUnder(last, under, at, s))) {
                        parts.set(parts.size() - 1, new Head(last.text() + " " + w.text(), last.x0(), s[1], last.lines()));
                    } else {
                        parts.add(new Head(w.text(), s[0], s[1], List.of(l)));
                    }
                }
                for (Head p : parts) out.add(new Head(Values.trim(p.text()), p.x0(), p.x1(), p.lines()));
            } else {
                String t = Values.trim(l.text());
                if (!t.isEmpty()) out.add(new Head(t, l.x0(), l.x1(), List.of(l)));
            }
        }
        return out;
    }

    /** Whether the word at {@code s} sits over the same line of the row under as the heading part {@code last} does. */
    private static boolean sameUnder(Head last, List<L> under, int at, double[] s) {
        for (int u = 0; u < under.size(); u++) {
            double o = Math.min(last.x1(), under.get(u).x1()) - Math.max(last.x0(), under.get(u).x0());
            if (o > 0) return u == at;
        }
        return false;
    }

    /** Headings joined with the heading pieces of the row above them, each piece to the heading it overlaps most. */
    private static List<Head> prefixed(PageLines pl, List<Head> heads, List<L> above) {
        List<List<String>> pre = new ArrayList<>();
        List<List<L>> preLines = new ArrayList<>();
        for (int k = 0; k < heads.size(); k++) {
            pre.add(new ArrayList<>());
            preLines.add(new ArrayList<>());
        }
        for (L l : above) {
            List<Word> words = pl.page().lines().get(l.index()).words();
            long over = heads.stream().filter(hd -> hd.overlap(l.x0(), l.x1()) > 0).count();
            if (over >= 2 && words.size() >= 2) {
                for (Word w : words) {
                    double[] s = pl.span(w.box());
                    int k = bestHead(heads, s[0], s[1]);
                    if (k >= 0) {
                        pre.get(k).add(w.text());
                        if (!preLines.get(k).contains(l)) preLines.get(k).add(l);
                    }
                }
            } else {
                int k = bestHead(heads, l.x0(), l.x1());
                if (k >= 0) {
                    pre.get(k).add(l.text().strip());
                    preLines.get(k).add(l);
                }
            }
        }
        List<Head> out = new ArrayList<>();
        for (int k = 0; k < heads.size(); k++) {
            Head hd = heads.get(k);
            if (pre.get(k).isEmpty()) {
                out.add(hd);
                continue;
            }
            List<L> ls = new ArrayList<>(preLines.get(k));
            for (L l : hd.lines()) if (!ls.contains(l)) ls.add(l);
            out.add(new Head(Values.trim(String.join(" ", pre.get(k)) + " " + hd.text()), hd.x0(), hd.x1(), ls));
        }
        return out;
    }

    private static int bestHead(List<Head> heads, double x0, double x1) {
        int best = -1;
        double bo = 0;
        for (int k = 0; k < heads.size(); k++) {
            double o = heads.get(k).overlap(x0, x1);
            if (o > bo) {
                bo = o;
                best = k;
            }
        }
        return best;
    }

    /** Headings all with a colon or all without: a colon label beside names is a label with its values, not a table's head. */
    private static boolean headingRow(List<L> row) {
        if (!row.stream().allMatch(KvExtractor::headingCell)) return false;
        long colons = row.stream().filter(l -> LABEL.matcher(l.text()).matches()).count();
        // headings are set apart from the cells: by colons, or in capitals (a grid of names is not a table)
        return colons == row.size() || colons == 0 && row.stream().allMatch(KvExtractor::isUpper);
    }

    /** A cell in its heading's column: within its span, or aligned with it on the left, the right or the middle. */
    private static boolean aligned(Head hd, L cell, double h) {
        if (cell.x0() >= hd.x0() - 0.5 * h && cell.x1() <= hd.x1() + 0.5 * h) return true;
        if (hd.x0() >= cell.x0() - 0.5 * h && hd.x1() <= cell.x1() + 0.5 * h) return true;
        return Math.abs(cell.x0() - hd.x0()) < h || Math.abs(cell.x1() - hd.x1()) < h
                || Math.abs((cell.x0() + cell.x1()) / 2 - (hd.x0() + hd.x1()) / 2) < Math.max(h, 0.25 * (cell.x1() - cell.x0()));
    }

    /** A table heading: a short text of letters, no digits, with or without a colon but nothing after it. */
    private static boolean headingCell(L l) {
        String t = l.text().strip();
        Matcher m = LABEL.matcher(t);
        if (m.matches()) {
            if (!Values.trim(m.group("rest")).isEmpty()) return false;
            t = m.group("key");
        }
        long letters = t.codePoints().filter(Character::isLetter).count();
        return letters >= 2 && t.codePoints().noneMatch(Character::isDigit) && SPACES.split(t.strip()).length <= 5 && t.length() <= 40;
    }

    private static boolean isUpper(L l) {
        return l.text().codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }

    /** A column heading: 1-4 words, mostly letters, no colon, not a number. */
    private static boolean isHeading(L l) {
        String t = l.text().strip();
        if (t.isEmpty() || t.contains(":") || t.contains("：")) return false;
        long letters = t.codePoints().filter(Character::isLetter).count();
        return letters >= 2 && letters >= 0.7 * t.replace(" ", "").length() && SPACES.split(t).length <= 4 && t.length() <= 40;
    }

    /** A line ending a postal address: a town with its ZIP or postcode ("NEW YORK, NY 10036", "Boston, MA 02114-1234"). */
    private static final Pattern POSTAL = Pattern.compile("\\p{L}{2,}[\\p{L}\\s.,]*\\s\\d{5}(?:-\\d{4})?\\s*$");

    /** In a list of lines under a label, the index of the line (not the first) that ends an address on at most four lines; -1 if none. */
    private static int postalEnd(List<L> list) {
        for (int i = 1; i < Math.min(list.size(), 4); i++) {
            if (POSTAL.matcher(list.get(i).text().strip()).find()) return i;
        }
        return -1;
    }

    private static final Pattern COUNT_LABEL = Pattern.compile("^\\s*#\\s*\\p{L}[\\p{L}\\s.]*$");

    /** "#REPS", "# of Pages": a heading for a count to be filled in, not a value (nor is a ticked option, {@link #TICKED}). */
    private static boolean countLabel(L l) {
        return COUNT_LABEL.matcher(l.text()).matches();
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
                && ENDS_DIGIT.matcher(m.group("key").strip()).matches();
    }
}
