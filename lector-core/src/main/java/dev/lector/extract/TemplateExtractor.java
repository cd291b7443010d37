package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import dev.lector.extract.Template.FieldSpec;
import dev.lector.geometry.Quad;
import dev.lector.result.Page;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts the fields of a {@code fields}-kind {@link Template}: each field by its finder (a label
 * and the value beside or under it, a pattern anywhere, the company and address at the head),
 * then its checks. Immutable and thread-safe.
 */
public final class TemplateExtractor implements FieldExtractor {

    // compiled once (String.matches compiles its pattern on every call)
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern TWO_DECIMALS = java.util.regex.Pattern.compile("\\d[.,]\\d\\d(?!\\d)");
    private static final java.util.regex.Pattern MONEY_END = java.util.regex.Pattern.compile(".*\\d[.,]\\d{1,2}\\s*\\D*$");
    private static final java.util.regex.Pattern ENDS_POINT = java.util.regex.Pattern.compile(".*\\d[.,]");
    private static final java.util.regex.Pattern POINT_CENTS = java.util.regex.Pattern.compile("[.,]\\d{1,2}");
    private static final java.util.regex.Pattern TWO_DIGITS = java.util.regex.Pattern.compile("\\d{2}");
    private static final java.util.regex.Pattern ENDS_DIGIT = java.util.regex.Pattern.compile(".*\\d");
    private static final java.util.regex.Pattern ENDS_CENTS = java.util.regex.Pattern.compile(".*\\d[.,]\\d\\d");


    private static final BigDecimal ROUNDING = new BigDecimal("0.10");

    private final Template template;
    private final List<String> allAnchors;

    public TemplateExtractor(Template template) {
        if (!template.kind().equals("fields")) throw new IllegalArgumentException("template '" + template.name() + "' is not of kind fields");
        this.template = template;
        List<String> a = new ArrayList<>();
        for (FieldSpec f : template.fields()) a.addAll(f.anchors());
        this.allAnchors = List.copyOf(a);
    }

    @Override
    public String name() {
        return template.name();
    }

    public Template template() {
        return template;
    }

    @Override
    public List<String> fieldNames() {
        return template.fields().stream().map(FieldSpec::name).toList();
    }

    /**
     * The value must contain a text of the field's type (and its pattern, if it has one): that text
     * becomes the normalised value, as when the field is found on the page; otherwise it fails
     * {@code format}. Then the field's validators run.
     */
    @Override
    public CheckedValue check(String name, String value, Map<String, Field> found) {
        FieldSpec spec = template.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        if (spec == null) return null;
        String v = value.strip();
        Values.Hit hit = Values.find(v, spec.type(), spec.pattern(), template.dateOrder());
        if (hit == null) return new CheckedValue(name, v, v, List.of("format"));
        Field f = new Field(name, v, hit.normalized(), 1, Quad.ofRect(0, 0, 0, 0), List.of(), null, List.of());
        Map<String, Field> all = new LinkedHashMap<>(found);
        all.put(name, f);
        Field checked = FieldChecks.apply(f, spec.validate(), all);
        return new CheckedValue(name, v, checked.normalized(), checked.failed());
    }

    @Override
    public Extraction extract(Page page) {
        PageLines pl = new PageLines(page);
        Map<String, Field> out = new LinkedHashMap<>();
        List<L> company = null;
        for (FieldSpec spec : template.fields()) {
            Field f = switch (spec.finder()) {
                case "company" -> {
                    company = ReceiptHeader.company(pl);
                    yield company.isEmpty() ? null : textField(pl, spec, company, ReceiptHeader.clean(join(company), true), null, 1);
                }
                case "address" -> {
                    if (company == null) company = ReceiptHeader.company(pl);
                    List<L> addr = ReceiptHeader.address(pl, company);
                    // as printed: an address line's closing comma or full stop is part of it
                    StringBuilder sb = new StringBuilder();
                    for (L l : addr) sb.append(sb.isEmpty() ? "" : " ").append(ReceiptHeader.text(pl, l));
                    yield addr.isEmpty() ? null : textField(pl, spec, addr, ReceiptHeader.clean(sb.toString(), false).strip(), null, 1, false);
                }
                case "currency" -> currency(pl, spec, out);
                case "payment" -> payment(pl, spec);
                case "pattern" -> anywhere(pl, spec);
                default -> {
                    Field a = anchored(pl, spec);
                    yield a == null && spec.anywhere() ? anywhere(pl, spec) : a;
                }
            };
            if (f != null) out.put(spec.name(), f);
        }
        for (FieldSpec spec : template.fields()) {
            Field f = out.get(spec.name());
            if (f != null) out.put(spec.name(), FieldChecks.apply(f, spec.validate(), out));
        }
        List<LineItem> items = template.items() ? ItemLines.find(pl, template, out) : List.of();
        return new Extraction(template.name(), out, List.of(), items);
    }

    private static String join(List<L> ls) {
        StringBuilder sb = new StringBuilder();
        for (L l : ls) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(l.text().strip());
        }
        return sb.toString();
    }

    private Field textField(PageLines pl, FieldSpec spec, List<L> ls, String value, String key, double similarity) {
        return textField(pl, spec, ls, value, key, similarity, true);
    }

    private Field textField(PageLines pl, FieldSpec spec, List<L> ls, String value, String key, double similarity, boolean trim) {
        String v = trim ? Values.trim(value) : SPACES.matcher(value).replaceAll(" ").strip();
        if (v.isEmpty()) return null;
        return new Field(spec.name(), v, Values.normalize(v, spec.type()), confidence(ls, similarity), pl.box(ls),
                ls.stream().map(L::index).toList(), key, List.of());
    }

    static double confidence(List<L> ls, double similarity) {
        double s = 0;
        for (L l : ls) s += l.score();
        double c = ls.isEmpty() ? 0 : s / ls.size() * similarity;
        return Math.round(Math.max(0, Math.min(1, c)) * 10000) / 10000.0;
    }

    /** A candidate value for a field: from which lines, the hit, and the label that led to it. */
    private record Candidate(List<L> lines, Values.Hit hit, Quad box, Anchors.Hit label) {}

    private Field anchored(PageLines pl, FieldSpec spec) {
        List<Anchors.Hit> labels = Anchors.all(pl, spec.anchors(), spec.exclude(), spec.pick() == Template.Pick.BEST);
        if (!spec.until().isEmpty()) {
            int end = pl.size();
            for (L l : pl.all()) {
                if (Anchors.find(l, spec.until()) != null) {
                    end = l.index();
                    break;
                }
            }
            final int stop = end;
            labels.removeIf(h -> h.line().index() >= stop);
        }
        List<Candidate> cands = new ArrayList<>();
        for (Anchors.Hit h : labels) {
            Candidate c = valueFor(pl, spec, h);
            if (c != null && !(spec.type() == FieldType.AMOUNT && remark(c))) cands.add(c);
        }
        if (cands.isEmpty()) return null;
        if (spec.type() == FieldType.AMOUNT && cands.stream().anyMatch(TemplateExtractor::decimal)) {
            cands.removeIf(c -> !decimal(c));
        }
        // the most specific label present wins ("total after rounding" over "total"); pick chooses among its lines
        int bestRank = cands.stream().mapToInt(c -> c.label().rank()).min().orElse(0);
        cands.removeIf(c -> c.label().rank() != bestRank);
        Candidate best = switch (spec.pick()) {
            case FIRST -> cands.getFirst();
            case LAST -> cands.getLast();
            case BEST -> {
                Candidate b = cands.getFirst();
                for (Candidate c : cands) if (c.label().similarity() > b.label().similarity()) b = c;
                yield b;
            }
            case LARGEST -> {
                Candidate b = null;
                BigDecimal bv = null;
                for (Candidate c : cands) {
                    BigDecimal v = numeric(c.hit().normalized());
                    if (v != null && (bv == null || v.compareTo(bv) >= 0)) {
                        b = c;
                        bv = v;
                    }
                }
                if (b == null) yield cands.getLast();
                // a later amount within 0.10 of the largest is that total after rounding ("Total 80.91", "Rounded 80.90")
                int at = cands.indexOf(b);
                for (int i = at + 1; i < cands.size(); i++) {
                    BigDecimal v = numeric(cands.get(i).hit().normalized());
                    if (v != null && v.compareTo(bv) != 0 && v.subtract(bv).abs().compareTo(ROUNDING) <= 0) b = cands.get(i);
                }
                yield b;
            }
        };
        Field f = field(spec, best, best.label().label(), best.label().similarity());
        return spec.validate().contains("paid") ? paidCheck(pl, spec, best, f) : f;
    }

    /**
     * A label and its amount inside one pair of brackets, "(Total incl. GST @6%: 1.09)", is a
     * remark about the amounts, not one of them.
     */
    private static boolean remark(Candidate c) {
        if (c.lines().size() != 1 || c.lines().getFirst() != c.label().line()) return false;
        String t = c.label().line().text();
        int open = t.indexOf('('), open2 = t.indexOf('（');
        int o = open < 0 ? open2 : open2 < 0 ? open : Math.min(open, open2);
        if (o < 0 || o > c.label().labelStart() || t.substring(0, o).codePoints().anyMatch(Character::isLetterOrDigit)) return false;
        int close = Math.max(t.indexOf(')', o), t.indexOf('）', o));
        return close > 0 && close >= c.label().labelEnd() + c.hit().end() - 1;
    }

    /** Labels of the change given back; the amount tendered is the amount just above it. */
    private static final List<String> CHANGE = List.of("change due", "change", "kembalian", "kembali", "baki", "wechselgeld",
            "rückgeld", "rendu", "monnaie", "cambio", "vuelto", "找零", "找赎", "お釣り");

    /**
     * The {@code paid} check of a total: where the page shows the amount tendered and the change
     * given (the amount just above the change line), the total is the one less the other. When
     * the amount found cannot be the total (it is printed without two decimals, "1000", "RM 10.0";
     * it is the amount tendered itself while change was given; or it differs by a rounding step
     * from what was paid) and the amount paid less the change is printed elsewhere on the page,
     * that printing is the total. A total that still disagrees (by more than a rounding step)
     * fails {@code paid}.
     */
    private Field paidCheck(PageLines pl, FieldSpec spec, Candidate best, Field f) {
        Paid paid = paid(pl, best.label().line());
        if (paid == null) return f;
        BigDecimal t = numeric(best.hit().normalized());
        BigDecimal x = paid.tendered().subtract(paid.change());
        if (t == null || x.signum() <= 0) return f;
        if (t.compareTo(x) == 0) return f;
        boolean malformed = !TWO_DECIMALS.matcher(best.hit().value()).find();
        boolean tendered = t.compareTo(paid.tendered()) == 0 && paid.change().signum() > 0;
        boolean rounding = t.subtract(x).abs().compareTo(ROUNDING) <= 0;
        if (malformed || tendered || rounding) {
            Candidate printed = printed(pl, spec, x, best.label().line(), paid);
            if (printed != null) return field(spec, printed, printed.label() == null ? null : printed.label().label(),
                    printed.label() == null ? 1 : printed.label().similarity());
        }
        // paid to the nearest rounding step, the rounded total not printed: the total as found agrees
        return rounding && !malformed ? f : f.withFailed("paid");
    }

    /** The amount tendered (just above the change line) and the change, or null when the page shows no change. */
    private record Paid(BigDecimal tendered, BigDecimal change, L tenderedLine, L changeLine) {}

    private Paid paid(PageLines pl, L total) {
        for (L l : pl.all()) {
            // the change is printed after the total, under it
            if (l.index() <= total.index() && l.cy() <= total.cy()) continue;
            Anchors.Hit h = Anchors.find(l, CHANGE);
            if (h == null || h.labelStart() > 0 && Character.isLetter(l.text().charAt(h.labelStart() - 1))) continue;
            Amounts.Found c = rowAmount(pl, l, h.labelEnd());
            if (c == null) continue;
            // the nearest amount with decimals above the change row, within a few lines
            double limit = 4 * Math.max(l.height(), pl.typicalHeight());
            L tl = null;
            Amounts.Found tv = null;
            for (L o : pl.all()) {
                if (o.cy() >= l.y0() || l.y0() - o.cy() > limit) continue;
                for (Amounts.Found a : pl.amounts(o)) {
                    if (!a.hasDecimals()) continue;
                    if (tl == null || o.cy() > tl.cy() + 0.5 * o.height() || Math.abs(o.cy() - tl.cy()) <= 0.5 * o.height() && o.x0() > tl.x0()) {
                        tl = o;
                        tv = a;
                    }
                }
            }
            if (tv == null) return null;
            return new Paid(tv.value().abs(), c.value().abs(), tl, l);
        }
        return null;
    }

    /** The amount on a label's row: after the label on its line, else the first line to its right with one. */
    private static Amounts.Found rowAmount(PageLines pl, L line, int from) {
        Amounts.Found a = Amounts.find(line.text().substring(Math.min(from, line.text().length())));
        if (a != null) return a;
        for (L r : pl.rightOf(line)) {
            a = Amounts.find(r.text());
            if (a != null) return a;
        }
        return null;
    }

    /** Where {@code x} is printed (not on the tendered or change line), nearest the total's label; its row's label if it has one. */
    private Candidate printed(PageLines pl, FieldSpec spec, BigDecimal x, L near, Paid paid) {
        Candidate out = null;
        double bestDist = Double.MAX_VALUE;
        for (L l : pl.all()) {
            if (l == paid.tenderedLine() || l == paid.changeLine()) continue;
            for (Amounts.Found a : pl.amounts(l)) {
                if (!a.hasDecimals() || a.value().compareTo(x) != 0) continue;
                double d = Math.abs(l.cy() - near.cy());
                if (d >= bestDist) continue;
                Anchors.Hit label = null;
                for (L r : pl.row(l)) {
                    label = Anchors.find(r, spec.anchors());
                    if (label != null && !Anchors.excluded(r, spec.exclude())) break;
                    label = null;
                }
                bestDist = d;
                out = new Candidate(List.of(l), new Values.Hit(a.start(), a.end(), a.text(), a.normalized(), a.currency()),
                        pl.box(l, a.start(), a.end()), label);
            }
        }
        return out;
    }

    /** An amount printed with decimals or a currency (a money amount rather than a count). */
    private static boolean decimal(Candidate c) {
        return c.hit().currency() != null || MONEY_END.matcher(c.hit().value()).matches();
    }

    private static BigDecimal numeric(String normalized) {
        try {
            return new BigDecimal(normalized.split(" ")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Field field(FieldSpec spec, Candidate c, String key, double similarity) {
        return new Field(spec.name(), c.hit().value(), c.hit().normalized(), confidence(c.lines(), similarity), c.box(),
                c.lines().stream().map(L::index).toList(), key == null ? null : Values.trim(key), List.of());
    }

    /** The value after a label: on its line, then the line to its right, then the line(s) below. */
    private Candidate valueFor(PageLines pl, FieldSpec spec, Anchors.Hit label) {
        L line = label.line();
        boolean text = spec.type() == FieldType.TEXT || spec.type() == FieldType.NAME;
        if (spec.direction() != Template.Direction.BELOW) {
            String rest = label.remainder();
            int offset = label.labelEnd();
            if (text) rest = cutAtOtherLabel(line, rest, offset, spec);
            Values.Hit v = Values.find(rest, spec.type(), spec.pattern(), template.dateOrder());
            if (v == null && spec.type() == FieldType.DATE && spec.pattern() == null) {
                Dates.Found d = Dates.afterLabel(rest, template.dateOrder());
                if (d != null) v = new Values.Hit(d.start(), d.end(), d.text(), d.iso(), null);
            }
            if (v != null) {
                Candidate c = new Candidate(List.of(line), v, pl.box(line, offset + v.start(), offset + v.end()), label);
                return text && spec.maxLines() > 1 ? continued(pl, spec, c, line) : c;
            }
            if (rest.codePoints().noneMatch(Character::isLetterOrDigit) || !text) {
                List<L> right = pl.rightOf(line);
                for (int i = 0; i < right.size(); i++) {
                    L r = right.get(i);
                    if (Anchors.any(r, allAnchors) && text) break;
                    if (spec.type() == FieldType.AMOUNT && i + 1 < right.size()) {
                        Candidate split = splitAmount(pl, spec, r, right.get(i + 1), label);
                        if (split != null) return split;
                    }
                    Values.Hit rv = Values.find(r.text(), spec.type(), spec.pattern(), template.dateOrder());
                    if (rv != null) return new Candidate(List.of(r), rv, pl.box(r, rv.start(), rv.end()), label);
                    if (text) break;
                }
            }
        }
        if (spec.direction() != Template.Direction.RIGHT) {
            List<L> below = pl.below(line, 1.5);
            if (below.isEmpty()) return null;
            L first = below.getFirst();
            if (Anchors.any(first, allAnchors) && text) return null;
            Values.Hit v = Values.find(first.text(), spec.type(), spec.pattern(), template.dateOrder());
            if (v == null) return null;
            if (!text || spec.maxLines() == 1) return new Candidate(List.of(first), v, pl.box(first, v.start(), v.end()), label);
            List<L> ls = new ArrayList<>(List.of(first));
            StringBuilder sb = new StringBuilder(v.value());
            L prev = first;
            while (ls.size() < spec.maxLines()) {
                List<L> next = pl.below(prev, 0.8);
                if (next.isEmpty() || Anchors.any(next.getFirst(), allAnchors)) break;
                prev = next.getFirst();
                ls.add(prev);
                sb.append(' ').append(prev.text().strip());
            }
            String joined = Values.trim(sb.toString());
            return new Candidate(ls, new Values.Hit(0, joined.length(), joined, Values.normalize(joined, spec.type()), null), pl.box(ls), label);
        }
        return null;
    }

    /**
     * An amount the detector cut in two at its decimal point ("12." and ".30", "12" and ".30"):
     * two pieces side by side, close together, one ending or the other starting with the point.
     */
    private Candidate splitAmount(PageLines pl, FieldSpec spec, L a, L b, Anchors.Hit label) {
        String ta = a.text().strip(), tb = b.text().strip();
        if (b.x0() - a.x1() > 1.0 * Math.max(a.height(), b.height())) return null;
        boolean pointA = ENDS_POINT.matcher(ta).matches(), pointB = POINT_CENTS.matcher(tb).matches();
        if (!(pointA && (pointB || TWO_DIGITS.matcher(tb).matches())) && !(pointB && ENDS_DIGIT.matcher(ta).matches())) return null;
        String joined = pointA && pointB ? ta + tb.substring(1) : ta + tb;
        Values.Hit v = Values.find(joined, FieldType.AMOUNT, spec.pattern(), template.dateOrder());
        if (v == null || v.end() < joined.length() - 1 || !ENDS_CENTS.matcher(v.value()).matches()) return null;
        List<L> both = List.of(a, b);
        return new Candidate(both, v, pl.box(both), label);
    }

    /** A text value carried on to the lines under it (an address over two lines), up to {@code max_lines}. */
    private Candidate continued(PageLines pl, FieldSpec spec, Candidate c, L line) {
        List<L> ls = new ArrayList<>(c.lines());
        StringBuilder sb = new StringBuilder(c.hit().value());
        L prev = line;
        while (ls.size() < spec.maxLines()) {
            List<L> next = pl.below(prev, 0.8);
            if (next.isEmpty() || Anchors.any(next.getFirst(), allAnchors) || next.getFirst().x0() < line.x0() - line.height()) break;
            prev = next.getFirst();
            ls.add(prev);
            sb.append(' ').append(prev.text().strip());
        }
        if (ls.size() == 1) return c;
        String joined = Values.trim(sb.toString());
        return new Candidate(ls, new Values.Hit(0, joined.length(), joined, Values.normalize(joined, spec.type()), null),
                pl.box(ls), c.label());
    }

    /** {@code rest} up to the next label of another field on the same line ("男 民族 汉" -> "男"). */
    private String cutAtOtherLabel(L line, String rest, int offset, FieldSpec spec) {
        int cut = rest.length();
        Fuzzy.Folded f = Fuzzy.fold(rest);
        for (FieldSpec other : template.fields()) {
            if (other == spec) continue;
            for (String a : other.anchors()) {
                String k = Fuzzy.key(a);
                boolean cjk = k.codePoints().anyMatch(Anchors::isCjk);
                if (k.length() < (cjk ? 2 : 4)) continue;
                int at = f.text().indexOf(k);
                if (at > 0) cut = Math.min(cut, f.originStart(at));
            }
        }
        return rest.substring(0, cut);
    }

    /** The first value of the field's type anywhere on the page (lines with an exclude label skipped). */
    private Field anywhere(PageLines pl, FieldSpec spec) {
        for (L l : pl.all()) {
            if (Anchors.excluded(l, spec.exclude())) continue;
            Values.Hit v = Values.find(l.text(), spec.type(), spec.pattern(), template.dateOrder());
            if (v != null) return field(spec, new Candidate(List.of(l), v, pl.box(l, v.start(), v.end()), null), null, 1);
        }
        return null;
    }

    /** The currency of the amounts found so far, else the first currency mark on the page. */
    private Field currency(PageLines pl, FieldSpec spec, Map<String, Field> found) {
        for (Field f : found.values()) {
            String n = f.normalized();
            int sp = n.indexOf(' ');
            if (sp > 0 && numeric(n) != null) {
                String code = n.substring(sp + 1);
                if (!code.equals("$")) return new Field(spec.name(), code, code, f.confidence(), f.box(), f.lines(), null, List.of());
            }
        }
        for (L l : pl.all()) {
            for (Amounts.Found a : pl.amounts(l)) {
                if (a.currency() != null && !a.currency().equals("$")) {
                    return new Field(spec.name(), a.currency(), a.currency(), confidence(List.of(l), 1), pl.box(l, a.start(), a.end()),
                            List.of(l.index()), null, List.of());
                }
            }
        }
        return null;
    }

    /** The payment means: the first of the field's anchors printed on the page, as printed. */
    private Field payment(PageLines pl, FieldSpec spec) {
        for (L l : pl.all()) {
            Anchors.Hit h = Anchors.find(l, spec.anchors());
            if (h == null || Anchors.excluded(l, spec.exclude())) continue;
            String v = Values.trim(h.label());
            String norm = spec.anchors().get(h.rank()).toLowerCase(java.util.Locale.ROOT);
            return new Field(spec.name(), v, norm, confidence(List.of(l), h.similarity()), pl.box(l, h.labelStart(), h.labelEnd()),
                    List.of(l.index()), null, List.of());
        }
        return null;
    }

    static LocalDate isoDate(String s) {
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
