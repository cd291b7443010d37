package dev.lector.vlm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.CheckedValue;
import dev.lector.extract.Extraction;
import dev.lector.extract.Field;
import dev.lector.extract.FieldExtractor;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --engine auto} for fields: the rule-based extractor first, a vision-language model only for
 * the fields it did not find or that failed their checks, each model value normalised and checked by
 * the same extractor. A field keeps the rules' find when it is valid; the model's value replaces a
 * missing or failed one when it passes the checks, or fills a missing one even when it does not (the
 * answer says it failed); a failed rules' find stays when the model's value fails too. Each field
 * says which engine found it.
 *
 * @param rules what the rule-based extractor found on the page (pairs and items come from here)
 * @param model the model's checked values for the fields it was asked, by name (empty when it was
 *              not asked)
 * @param order the extractor's field names, in output order
 */
public record AutoFields(Extraction rules, Map<String, CheckedValue> model, List<String> order) {

    public AutoFields {
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        order = List.copyOf(order);
    }

    /** The fields to ask a model for: those of {@code extractor} that {@code rules} lacks or that failed a check. */
    public static List<String> wanted(FieldExtractor extractor, Extraction rules) {
        List<String> out = new ArrayList<>();
        for (String name : extractor.fieldNames()) {
            Field f = rules.field(name);
            if (f == null || !f.valid()) out.add(name);
        }
        return out;
    }

    /**
     * The whole {@code auto} step for one page: asks {@code model} for the fields the rules missed or
     * that failed (not at all when none did), merges its answer, and adds the fields, the keys asked
     * ({@code "asked_vlm"}) and any back-end failure ({@code "vlm_error"}: a {@link VlmException} or
     * a busy back end; the rules' fields stand) to {@code page}. Returns the failure's message, or null.
     */
    public static String addTo(ObjectNode page, FieldExtractor extractor, Extraction rules,
                               java.util.function.Function<List<String>, VlmFields> model) {
        List<String> wanted = wanted(extractor, rules);
        VlmFields answer = null;
        String error = null;
        if (!wanted.isEmpty()) {
            try {
                answer = model.apply(wanted);
            } catch (VlmException | dev.lector.batch.OverloadedException e) {
                error = e.getMessage();
            }
        }
        merge(extractor, rules, answer).addTo(page);
        if (!wanted.isEmpty()) wanted.forEach(page.putArray("asked_vlm")::add);
        if (error != null) page.put("vlm_error", error);
        return error;
    }

    /** The rules' finds with the model's answer ({@code null}: not asked) merged in. */
    public static AutoFields merge(FieldExtractor extractor, Extraction rules, VlmFields answer) {
        Map<String, CheckedValue> model = new LinkedHashMap<>();
        if (answer != null) {
            for (String name : wanted(extractor, rules)) {
                String v = answer.values().get(name);
                if (v == null) continue;
                CheckedValue c = extractor.check(name, v, rules.fields());
                if (c != null) model.put(name, c);
            }
        }
        return new AutoFields(rules, model, extractor.fieldNames());
    }

    /** {@code "vlm"} or {@code "ppocr"} for each field present, in order. */
    public Map<String, String> engines() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names()) out.put(name, fromModel(name) ? "vlm" : "ppocr");
        return out;
    }

    /**
     * Adds {@code template}, {@code fields} (each with {@code "engine"}: the rules' fields in their
     * usual shape, the model's as {@code {"value","normalized","valid","failed"?,"engine":"vlm"}}: a
     * model gives no box, lines or confidence) and the rules' {@code pairs}/{@code items} to {@code page}.
     */
    public ObjectNode addTo(ObjectNode page) {
        FieldsJson.addTo(page, rules);
        ObjectNode fields = JsonRenderer.mapper().createObjectNode();
        for (String name : names()) {
            if (fromModel(name)) {
                CheckedValue c = model.get(name);
                ObjectNode n = fields.putObject(name);
                n.put("value", c.value());
                n.put("normalized", c.normalized());
                n.put("valid", c.valid());
                if (!c.valid()) c.failed().forEach(n.putArray("failed")::add);
                n.put("engine", "vlm");
            } else {
                fields.set(name, FieldsJson.field(rules.field(name)).put("engine", "ppocr"));
            }
        }
        page.set("fields", fields);
        return page;
    }

    /** Whether field {@code name} is the model's: the rules' find is missing, or failed where the model's passed. */
    private boolean fromModel(String name) {
        CheckedValue c = model.get(name);
        if (c == null) return false;
        Field f = rules.field(name);
        return f == null || (!f.valid() && c.valid());
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        for (String name : order) if (rules.field(name) != null || model.containsKey(name)) out.add(name);
        for (String name : rules.fields().keySet()) if (!out.contains(name)) out.add(name);
        return out;
    }
}
