package dev.lector.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A document type described as data: the words that identify it and, per field, how to find it
 * (a finder, label anchors, a direction, a pattern, a type) and how to check it. The JSON format
 * is documented in {@code docs/fields.md}; {@link #parse(String, String)} rejects unknown keys
 * and bad values with a one-line message.
 *
 * @param name      the template's name
 * @param kind      {@code fields} (the fields listed), {@code kv} (every key-value pair of a form)
 *                  or {@code mrz} (an ICAO 9303 machine-readable zone)
 * @param keywords  words whose presence on a page suggests this type (for choosing a template)
 * @param dateOrder how numeric dates are read
 * @param fields    the fields, in output order
 * @param items     whether to list item lines (receipts, invoices)
 */
public record Template(String name, String kind, List<String> keywords, Dates.Order dateOrder,
                       List<FieldSpec> fields, boolean items) {

    /** Where a field's value lies relative to its label. */
    public enum Direction { ANY, RIGHT, BELOW }

    /** Which candidate wins when a label occurs on several lines (best: the closest match of the label). */
    public enum Pick { FIRST, LAST, LARGEST, BEST }

    /**
     * How to find one field.
     *
     * @param name     output name
     * @param finder   {@code anchor} (a label, then the value by layout), {@code pattern} (the
     *                 first text of the field's type or pattern anywhere), {@code company} (the
     *                 business name at the top), {@code address} (the lines under it),
     *                 {@code currency}, {@code payment}
     * @param anchors  label texts, most specific first, matched approximately
     * @param exclude  label texts that disqualify a line (e.g. "subtotal" for "total")
     * @param direction where the value is
     * @param type     the value's type
     * @param pattern  a regular expression the value must contain (the match becomes the value), or null
     * @param pick     which candidate wins
     * @param anywhere whether to fall back to the first match of the type anywhere on the page
     * @param maxLines how many lines a text value may span below its label
     * @param validate checks: {@code cn_id}, {@code cn_id_birth}, {@code cn_id_sex}, {@code luhn}, {@code iban}
     * @param until    labels that end the part of the page searched (e.g. "tax summary": the
     *                 totals of a tax table after it are not the receipt's total)
     */
    public record FieldSpec(String name, String finder, List<String> anchors, List<String> exclude, Direction direction,
                            FieldType type, Pattern pattern, Pick pick, boolean anywhere, int maxLines, List<String> validate,
                            List<String> until) {
        public FieldSpec {
            until = List.copyOf(until);
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a field needs a name");
            anchors = List.copyOf(anchors);
            exclude = List.copyOf(exclude);
            validate = List.copyOf(validate);
            if (maxLines < 1) throw new IllegalArgumentException("field '" + name + "': max_lines must be >= 1");
        }
    }

    static final Set<String> KINDS = Set.of("fields", "kv", "mrz");
    static final Set<String> FINDERS = Set.of("anchor", "pattern", "company", "address", "currency", "payment");
    static final Set<String> VALIDATORS = Set.of("cn_id", "cn_id_birth", "cn_id_sex", "luhn", "iban", "paid");
    private static final Set<String> TEMPLATE_KEYS = Set.of("name", "description", "kind", "keywords", "date_order", "fields", "items");
    private static final Set<String> FIELD_KEYS = Set.of("finder", "anchors", "exclude", "direction", "type", "pattern", "pick",
            "anywhere", "max_lines", "validate", "until");

    public Template {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("template name must be 1-64 letters, digits, '_', '.' or '-': " + name);
        }
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("template kind must be fields, kv or mrz, not '" + kind + "'");
        keywords = List.copyOf(keywords);
        fields = List.copyOf(fields);
        if (kind.equals("fields") && fields.isEmpty()) throw new IllegalArgumentException("template '" + name + "' has no fields");
    }

    /** Parses a template from JSON text; {@code source} names it in messages (a file name). */
    public static Template parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": a template is a JSON object");
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static Template parse(JsonNode root) {
        unknown(root, TEMPLATE_KEYS, "template");
        String name = text(root, "name", null);
        if (name == null) throw new IllegalArgumentException("template needs a \"name\"");
        String kind = text(root, "kind", "fields");
        Dates.Order order = switch (text(root, "date_order", "dmy").toLowerCase(Locale.ROOT)) {
            case "dmy" -> Dates.Order.DMY;
            case "mdy" -> Dates.Order.MDY;
            default -> throw new IllegalArgumentException("date_order must be dmy or mdy");
        };
        List<FieldSpec> fields = new ArrayList<>();
        JsonNode fs = root.get("fields");
        if (fs != null) {
            if (!fs.isObject()) throw new IllegalArgumentException("\"fields\" must be an object of field name -> spec");
            for (Iterator<Map.Entry<String, JsonNode>> it = fs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.add(field(e.getKey(), e.getValue()));
            }
        }
        JsonNode items = root.get("items");
        if (items != null && !items.isBoolean()) throw new IllegalArgumentException("\"items\" must be true or false");
        return new Template(name, kind, strings(root, "keywords"), order, fields, items != null && items.asBoolean());
    }

    private static FieldSpec field(String name, JsonNode n) {
        if (!n.isObject()) throw new IllegalArgumentException("field '" + name + "' must be an object");
        unknown(n, FIELD_KEYS, "field '" + name + "'");
        List<String> anchors = strings(n, "anchors");
        String finder = text(n, "finder", anchors.isEmpty() ? "pattern" : "anchor");
        if (!FINDERS.contains(finder)) throw new IllegalArgumentException("field '" + name + "': unknown finder '" + finder + "'");
        if (finder.equals("anchor") && anchors.isEmpty()) throw new IllegalArgumentException("field '" + name + "': finder anchor needs anchors");
        Direction dir = enumValue(Direction.class, text(n, "direction", "any"), "field '" + name + "': direction must be any, right or below");
        FieldType type = FieldType.parse(text(n, "type", "text"));
        String p = text(n, "pattern", null);
        Pattern pattern = null;
        if (p != null) {
            try {
                pattern = Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("field '" + name + "': bad pattern: " + e.getDescription());
            }
        }
        if (finder.equals("pattern") && pattern == null && (type == FieldType.TEXT || type == FieldType.NAME)) {
            throw new IllegalArgumentException("field '" + name + "': finder pattern needs a pattern or a typed value (date, amount, number, id, sex)");
        }
        Pick pick = enumValue(Pick.class, text(n, "pick", "first"), "field '" + name + "': pick must be first, last, largest or best");
        JsonNode any = n.get("anywhere");
        if (any != null && !any.isBoolean()) throw new IllegalArgumentException("field '" + name + "': anywhere must be true or false");
        JsonNode ml = n.get("max_lines");
        if (ml != null && !ml.canConvertToInt()) throw new IllegalArgumentException("field '" + name + "': max_lines must be a whole number");
        List<String> validate = strings(n, "validate");
        for (String v : validate) {
            if (!VALIDATORS.contains(v)) throw new IllegalArgumentException("field '" + name + "': unknown validator '" + v + "'");
        }
        return new FieldSpec(name, finder, anchors, strings(n, "exclude"), dir, type, pattern, pick,
                any != null && any.asBoolean(), ml == null ? 1 : ml.asInt(), validate, strings(n, "until"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> c, String v, String message) {
        try {
            return Enum.valueOf(c, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void unknown(JsonNode n, Set<String> known, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) throw new IllegalArgumentException(where + ": unknown key \"" + k + "\"");
        }
    }

    private static String text(JsonNode n, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) throw new IllegalArgumentException("\"" + key + "\" must be a string");
        return v.asText();
    }

    private static List<String> strings(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new IllegalArgumentException("\"" + key + "\" must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) throw new IllegalArgumentException("\"" + key + "\" must hold non-empty strings");
            out.add(e.asText());
        }
        return out;
    }
}
