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
                pairs.add(new KeyValuePair(key, rest, pl.box(l, 0, keyEnd), pl.box(l, m.start("rest"), l.text().length()),
                        List.of(l.index()), List.of(l.index()), TemplateExtractor.confidence(List.of(l), 1)));
                continue;
            }
            L value = null;
            List<L> right = pl.rightOf(l);
            if (!right.isEmpty() && !isLabel(right.getFirst()) && right.getFirst().x0() - l.x1() < 12 * l.height()) value = right.getFirst();
            if (value == null) {
                List<L> below = pl.below(l, 1.2);
                if (!below.isEmpty() && !isLabel(below.getFirst())) value = below.getFirst();
            }
            if (value == null || usedAsValue.contains(value.index())) continue;
            String v = Values.trim(value.text());
            if (v.isEmpty()) continue;
            usedAsValue.add(value.index());
            pairs.add(new KeyValuePair(key, v, pl.box(l, 0, keyEnd), value.box(), List.of(l.index()), List.of(value.index()),
                    TemplateExtractor.confidence(List.of(l, value), 1)));
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (KeyValuePair p : pairs) {
            if (fields.containsKey(p.key())) continue;
            fields.put(p.key(), new Field(p.key(), p.value(), p.value(), p.confidence(), p.valueBox(), p.valueLines(), p.key(), List.of()));
        }
        return new Extraction("kv", fields, pairs, List.of());
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
