package dev.lector.extract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an extractor found on one page: named fields (in the template's order; a field the page
 * lacks is absent), and for forms and caller keys the key-value pairs, and for receipts and
 * invoices the item lines.
 *
 * @param template the template (or {@code "keys"}) that produced it
 * @param fields   fields by name, in order
 * @param pairs    key-value pairs (the {@code kv} template), else empty
 * @param items    item lines (receipts, invoices), else empty
 */
public record Extraction(String template, Map<String, Field> fields, List<KeyValuePair> pairs, List<LineItem> items) {
    public Extraction {
        if (template == null) throw new IllegalArgumentException("template must not be null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        pairs = List.copyOf(pairs);
        items = List.copyOf(items);
    }

    public Extraction(String template, Map<String, Field> fields) {
        this(template, fields, List.of(), List.of());
    }

    /** The field called {@code name}, or null when the page has none. */
    public Field field(String name) {
        return fields.get(name);
    }
}
