package dev.lector.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields a model found on one page for the keys it was asked: the one place VLM field output
 * takes its shape, so it can adopt {@code dev.lector.extract}'s field records when they land.
 * A key the model left out, or answered with null or an empty string, is absent: never guessed.
 * In JSON each field is {@code {"value":"...","engine":"vlm"}} (the model gives no box, line
 * indices or confidence).
 *
 * @param page   the page's own number
 * @param values key -> value as the model wrote it (trimmed), in the order the keys were asked
 */
public record VlmFields(int page, Map<String, String> values) {

    public VlmFields {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The fields in {@code answer} (a JSON object, or an array of one-key objects) for {@code keys}. */
    public static VlmFields of(int page, List<String> keys, JsonNode answer, String raw) {
        JsonNode obj = answer;
        if (answer.isArray()) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            for (JsonNode n : answer) {
                if (!n.isObject()) throw VlmException.unparseable("the field answer is an array, not a JSON object of fields", raw);
                merged.setAll((ObjectNode) n);
            }
            obj = merged;
        }
        if (!obj.isObject()) throw VlmException.unparseable("the field answer is not a JSON object of fields", raw);
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            JsonNode v = find(obj, key);
            if (v == null || v.isNull()) continue;
            String s = v.isValueNode() ? v.asText().strip() : v.toString();
            if (!s.isEmpty()) out.put(key, s);
        }
        return new VlmFields(page, out);
    }

    /** {@code {"KEY":{"value":"...","engine":"vlm"}, ...}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        values.forEach((k, v) -> n.putObject(k).put("value", v).put("engine", "vlm"));
        return n;
    }

    /** The key itself, else the one equal to it ignoring case, spaces and punctuation. */
    private static JsonNode find(JsonNode obj, String key) {
        if (obj.has(key)) return obj.get(key);
        String want = norm(key);
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (norm(e.getKey()).equals(want)) return e.getValue();
        }
        return null;
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}：]+", "");
    }
}
