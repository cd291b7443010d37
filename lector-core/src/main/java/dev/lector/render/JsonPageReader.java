package dev.lector.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.ModelInfo;
import dev.lector.result.Page;
import dev.lector.result.StageTimings;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back a page object that {@link JsonRenderer#page} wrote (a line of {@code lector ocr
 * --format jsonl}), so field extraction and its evaluation can run on saved OCR output without
 * the models. Points come back as the whole pixels they were written as.
 */
public final class JsonPageReader {

    private JsonPageReader() {}

    public static Page page(JsonNode n) {
        if (n == null || !n.isObject() || !n.has("lines")) throw new IllegalArgumentException("not a Lector page object (no \"lines\")");
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : n.get("lines")) {
            List<Word> words = new ArrayList<>();
            JsonNode ws = l.get("words");
            if (ws != null) {
                for (JsonNode w : ws) words.add(new Word(w.get("text").asText(), w.path("score").asDouble(1), quad(w.get("points"))));
            }
            lines.add(new Line(l.get("text").asText(), Math.max(0, Math.min(1, l.path("score").asDouble(1))), quad(l.get("points")),
                    l.path("orientation").asInt(0), words));
        }
        List<Block> blocks = new ArrayList<>();
        JsonNode bs = n.get("blocks");
        if (bs != null && !bs.isEmpty()) {
            for (JsonNode b : bs) {
                List<Integer> idx = new ArrayList<>();
                for (JsonNode i : b.get("lines")) idx.add(i.asInt());
                blocks.add(new Block(BlockKind.fromJsonName(b.path("kind").asText("paragraph")), quad(b.get("points")), idx));
            }
        } else if (!lines.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) all.add(i);
            blocks.add(new Block(BlockKind.PARAGRAPH, lines.getFirst().box(), all));
        }
        JsonNode t = n.path("timings_ms");
        StageTimings timings = new StageTimings(t.path("decode").asDouble(), t.path("detect").asDouble(), t.path("classify").asDouble(),
                t.path("recognize").asDouble(), t.path("total").asDouble());
        JsonNode m = n.get("model");
        ModelInfo model = m == null ? null : new ModelInfo(m.path("det").asText(null), m.path("rec").asText(null),
                m.path("cls").isNull() ? null : m.path("cls").asText(null));
        return new Page(n.path("page").asInt(1), Math.max(1, n.path("width").asInt(1)), Math.max(1, n.path("height").asInt(1)),
                n.path("rotation").asInt(0), n.path("skew").asDouble(0), lines, blocks, timings, model, null);
    }

    private static Quad quad(JsonNode pts) {
        if (pts == null || pts.size() != 4) throw new IllegalArgumentException("points must hold 4 corners");
        Point[] p = new Point[4];
        for (int i = 0; i < 4; i++) p[i] = new Point(pts.get(i).get(0).asDouble(), pts.get(i).get(1).asDouble());
        return new Quad(p[0], p[1], p[2], p[3]);
    }
}
