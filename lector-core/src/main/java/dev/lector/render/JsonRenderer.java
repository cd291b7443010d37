package dev.lector.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Block;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.ModelInfo;
import dev.lector.result.Page;
import dev.lector.result.StageTimings;
import dev.lector.result.Word;

/**
 * The JSON form of a {@link Document} (the contract in the README and {@code /openapi.json}):
 * a page is {@code {"page","width","height","rotation","skew","lines":[{"text","score","points",
 * "orientation","words":[{"text","score","points"}]}],"blocks":[{"kind","points","lines"}],"text",
 * "timings_ms","model"}}; a document is {@code {"pages":[...],"text"}}. Callers add their own
 * fields (request id, file name) to the nodes this returns. Thread-safe.
 */
public final class JsonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRenderer() {}

    /** The mapper every Lector JSON goes through (for callers adding fields and printing). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The head of one input file's entry in the CLI's JSON and JSON Lines output:
     * {@code {"image": file name, "path": name relative to the folder given, "page": N}} (no
     * {@code page} when {@code page} is below 1); the page's result, fields or answer follow.
     */
    public static ObjectNode fileEntry(String image, String path, int page) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("image", image);
        n.put("path", path);
        if (page >= 1) n.put("page", page);
        return n;
    }

    /** Adds {@code "ms"}: wall time in milliseconds to one decimal. */
    public static ObjectNode putMs(ObjectNode n, double ms) {
        return n.put("ms", Math.round(ms * 10) / 10.0);
    }

    /** {@code {"pages":[...],"text":...}}. */
    public static ObjectNode document(Document doc) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode pages = root.putArray("pages");
        for (Page p : doc.pages()) pages.add(page(p));
        root.put("text", doc.text());
        return root;
    }

    public static ObjectNode page(Page p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("page", p.number());
        n.put("width", p.width());
        n.put("height", p.height());
        n.put("rotation", p.rotation());
        n.put("skew", Math.round(p.skew() * 100) / 100.0);
        ArrayNode lines = n.putArray("lines");
        for (Line l : p.lines()) lines.add(line(l));
        ArrayNode blocks = n.putArray("blocks");
        for (Block b : p.blocks()) {
            ObjectNode bn = blocks.addObject();
            bn.put("kind", b.kind().jsonName());
            bn.set("points", points(b.box()));
            ArrayNode idx = bn.putArray("lines");
            for (int i : b.lines()) idx.add(i);
        }
        n.put("text", p.text());
        n.set("timings_ms", timings(p.timings()));
        if (p.model() != null) n.set("model", model(p.model()));
        if (p.detector() != null) {
            n.putObject("det_input").put("width", p.detector().width()).put("height", p.detector().height())
                    .put("pad", p.detector().pad());
        }
        return n;
    }

    public static ObjectNode line(Line l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("text", l.text());
        n.put("score", round4(l.score()));
        n.set("points", points(l.box()));
        n.put("orientation", l.orientation());
        ArrayNode words = n.putArray("words");
        for (Word w : l.words()) {
            ObjectNode wn = words.addObject();
            wn.put("text", w.text());
            wn.put("score", round4(w.score()));
            wn.set("points", points(w.box()));
        }
        return n;
    }

    /** {@code [[x,y],[x,y],[x,y],[x,y]]}, whole pixels, clockwise from the text's top-left. */
    public static ArrayNode points(Quad q) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Point p : q.corners()) a.addArray().add(Math.round(p.x())).add(Math.round(p.y()));
        return a;
    }

    static ObjectNode timings(StageTimings t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("decode", t.decodeMs());
        n.put("detect", t.detectMs());
        n.put("classify", t.classifyMs());
        n.put("recognize", t.recognizeMs());
        n.put("total", t.totalMs());
        return n;
    }

    static ObjectNode model(ModelInfo m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("det", m.det());
        n.put("rec", m.rec());
        if (m.cls() == null) n.putNull("cls");
        else n.put("cls", m.cls());
        return n;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** Compact JSON text of any node or value. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
