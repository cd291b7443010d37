package dev.lector.extract;

import dev.lector.result.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields for keys a caller names ({@code ["Invoice No", "Total due", "姓名"]}): each key is
 * matched approximately against the page's lines (case, punctuation and small OCR errors
 * tolerated; the closest match wins), and its value is linked by layout: the rest of the line,
 * the line to its right, or the line below. Each field is named by the key as given and says in
 * {@link Field#key()} which text on the page matched; values that read as a date or an amount
 * are normalised as such.
 */
public final class KeysExtractor implements FieldExtractor {

    private final List<String> keys;
    private final TemplateExtractor inner;

    public KeysExtractor(List<String> keys) {
        List<String> ks = new ArrayList<>();
        for (String k : keys) {
            if (k == null) continue;
            String t = k.strip();
            if (!t.isEmpty() && !ks.contains(t)) ks.add(t);
        }
        if (ks.isEmpty()) throw new IllegalArgumentException("no keys given: name at least one key");
        if (ks.stream().anyMatch(k -> Fuzzy.key(k).isEmpty())) {
            throw new IllegalArgumentException("a key needs at least one letter or digit");
        }
        this.keys = List.copyOf(ks);
        List<Template.FieldSpec> specs = new ArrayList<>();
        for (String k : this.keys) {
            specs.add(new Template.FieldSpec(k, "anchor", List.of(k), List.of(), Template.Direction.ANY, FieldType.TEXT, null,
                    Template.Pick.BEST, false, 1, List.of(), List.of()));
        }
        this.inner = new TemplateExtractor(new Template("keys", "fields", List.of(), Dates.Order.DMY, specs, false));
    }

    public List<String> keys() {
        return keys;
    }

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public List<String> fieldNames() {
        return keys;
    }

    /** Any non-blank value is valid for a caller's key; dates and amounts get their normal form. */
    @Override
    public CheckedValue check(String name, String value, Map<String, Field> found) {
        if (!keys.contains(name)) return null;
        String v = value.strip();
        if (v.isEmpty()) return new CheckedValue(name, v, v, List.of("format"));
        Field f = normalized(new Field(name, v, v, 1, dev.lector.geometry.Quad.ofRect(0, 0, 0, 0), List.of(), null, List.of()));
        return new CheckedValue(name, v, f.normalized(), List.of());
    }

    @Override
    public Extraction extract(Page page) {
        Extraction e = inner.extract(page);
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : e.fields().values()) out.put(f.name(), normalized(f));
        return new Extraction("keys", out);
    }

    /** A value that is a date or an amount (and little else) gets that normal form. */
    private static Field normalized(Field f) {
        String v = f.value();
        Dates.Found d = Dates.find(v, Dates.Order.DMY);
        if (d != null && d.text().length() >= v.length() * 0.6) {
            return new Field(f.name(), v, d.iso(), f.confidence(), f.box(), f.lines(), f.key(), f.failed());
        }
        List<Amounts.Found> a = Amounts.findAll(v);
        if (a.size() == 1 && a.getFirst().hasDecimals() && a.getFirst().text().length() >= v.length() * 0.6) {
            return new Field(f.name(), v, a.getFirst().normalized(), f.confidence(), f.box(), f.lines(), f.key(), f.failed());
        }
        return f;
    }
}
