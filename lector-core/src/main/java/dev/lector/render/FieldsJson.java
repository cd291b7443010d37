package dev.lector.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.Extraction;
import dev.lector.extract.Field;
import dev.lector.extract.KeyValuePair;
import dev.lector.extract.LineItem;

/**
 * The JSON form of an {@link Extraction}, added to a page object: {@code "fields":{"NAME":{"value",
 * "normalized","confidence","points","lines","valid","failed"?,"key"?}}}, for forms and caller keys
 * {@code "pairs":[{"key","value","key_points","value_points","confidence"}]}, for receipts
 * {@code "items":[{"description","quantity","amount","points","lines"}]}. Thread-safe.
 */
public final class FieldsJson {

    private FieldsJson() {}

    /** Adds {@code template}, {@code fields} and, where present, {@code pairs} and {@code items} to {@code page}. */
    public static ObjectNode addTo(ObjectNode page, Extraction e) {
        page.put("template", e.template());
        page.set("fields", fields(e));
        if (!e.pairs().isEmpty() || e.template().equals("kv")) page.set("pairs", pairs(e));
        if (!e.items().isEmpty()) page.set("items", items(e));
        return page;
    }

    public static ObjectNode fields(Extraction e) {
        ObjectNode out = JsonRenderer.mapper().createObjectNode();
        for (Field f : e.fields().values()) out.set(f.name(), field(f));
        return out;
    }

    public static ObjectNode field(Field f) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("value", f.value());
        n.put("normalized", f.normalized());
        n.put("confidence", f.confidence());
        n.set("points", JsonRenderer.points(f.box()));
        ArrayNode lines = n.putArray("lines");
        for (int i : f.lines()) lines.add(i);
        n.put("valid", f.valid());
        if (!f.valid()) {
            ArrayNode failed = n.putArray("failed");
            for (String c : f.failed()) failed.add(c);
        }
        if (f.key() != null) n.put("key", f.key());
        return n;
    }

    public static ArrayNode pairs(Extraction e) {
        ArrayNode a = JsonRenderer.mapper().createArrayNode();
        for (KeyValuePair p : e.pairs()) {
            ObjectNode n = a.addObject();
            n.put("key", p.key());
            n.put("value", p.value());
            n.set("key_points", JsonRenderer.points(p.keyBox()));
            n.set("value_points", JsonRenderer.points(p.valueBox()));
            n.put("confidence", p.confidence());
        }
        return a;
    }

    public static ArrayNode items(Extraction e) {
        ArrayNode a = JsonRenderer.mapper().createArrayNode();
        for (LineItem i : e.items()) {
            ObjectNode n = a.addObject();
            n.put("description", i.description());
            if (i.quantity() == null) n.putNull("quantity");
            else n.put("quantity", i.quantity());
            n.put("amount", i.amount());
            n.set("points", JsonRenderer.points(i.box()));
            ArrayNode lines = n.putArray("lines");
            for (int l : i.lines()) lines.add(l);
        }
        return a;
    }
}
