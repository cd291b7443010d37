package dev.lector.vlm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads model answers leniently, and fails loudly where leniency would mean guessing: an answer
 * that should hold JSON or coordinates and holds neither is a {@link VlmException.Kind#UNPARSEABLE}
 * error quoting its start, never an empty result.
 *
 * <p>Spotting answers are read in either form: HunyuanOCR's own {@code text(x1,y1),(x2,y2)} items
 * (optionally wrapped in {@code <ref>}/{@code <quad>} tags), one after another, or a JSON array of
 * {@code {"box":[xmin,ymin,xmax,ymax],"text":...}} ({@code bbox} and {@code bbox_2d} accepted; a box
 * of 8 numbers is a quadrilateral). JSON may sit inside a code fence or after a leading word
 * ({@code json}, "Here is the result:"); trailing commas, single quotes and unquoted names are
 * accepted. Pure and thread-safe.
 */
public final class AnswerParser {

    /** One spotted line in the model's own coordinates (0-1000 grid or pixels). */
    public record Spotted(String text, List<Point> corners) {
        public Spotted {
            corners = List.copyOf(corners);
        }
    }

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .build();
    private static final String NUM = "\\s*(-?\\d+(?:\\.\\d+)?)\\s*";
    private static final Pattern COORDS = Pattern.compile("\\(" + NUM + "," + NUM + "\\)\\s*,\\s*\\(" + NUM + "," + NUM + "\\)");
    private static final Pattern TAGS = Pattern.compile("</?(ref|quad|box)>");
    private static final Pattern THINK = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern FENCE = Pattern.compile("(?s)```[A-Za-z0-9_-]*[ \\t]*\\r?\\n?(.*?)(?:```|$)");
    private static final Pattern NO_TEXT = Pattern.compile("(?i)^\\W*(no text|none|没有文字|无文字|图中没有文字)\\W*$");

    private AnswerParser() {}

    /** The spotted lines of an answer, in the answer's order; empty only for a blank or "no text" answer. */
    public static List<Spotted> spotting(String answer) {
        String s = stripThink(answer).trim();
        if (s.isEmpty() || (s.length() < 40 && NO_TEXT.matcher(s).matches())) return List.of();
        Matcher fence = FENCE.matcher(s);
        boolean fenced = fence.find();
        String body = fenced ? fence.group(1).trim() : s;
        boolean looksJson = fenced || body.startsWith("[") || body.startsWith("{") || body.contains("\"box\"")
                || body.contains("\"bbox") || body.contains("'box'");
        if (looksJson && !COORDS.matcher(body).find()) return spottingJson(json(answer), answer);
        List<Spotted> out = new ArrayList<>();
        Matcher m = COORDS.matcher(body);
        int last = 0;
        while (m.find()) {
            String text = TAGS.matcher(body.substring(last, m.start())).replaceAll("").strip();
            last = m.end();
            if (!text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && c != '(' && c != ')' && c != ',')) continue;
            double x0 = num(m.group(1)), y0 = num(m.group(2)), x1 = num(m.group(3)), y1 = num(m.group(4));
            out.add(new Spotted(text, rect(x0, y0, x1, y1)));
        }
        if (out.isEmpty()) {
            throw VlmException.unparseable("the spotting answer holds no text lines with coordinates", answer);
        }
        return out;
    }

    private static List<Spotted> spottingJson(JsonNode root, String answer) {
        JsonNode arr = root;
        if (root.isObject()) { // {"lines":[...]} or similar: the first array inside
            arr = null;
            for (JsonNode v : root) {
                if (v.isArray()) {
                    arr = v;
                    break;
                }
            }
        }
        if (arr == null || !arr.isArray()) throw VlmException.unparseable("the spotting answer is JSON but not an array of lines", answer);
        List<Spotted> out = new ArrayList<>();
        for (JsonNode item : arr) {
            if (!item.isObject()) throw VlmException.unparseable("the spotting answer's array holds a " + item.getNodeType().name().toLowerCase(Locale.ROOT) + ", not {\"box\",\"text\"}", answer);
            JsonNode box = item.has("box") ? item.get("box") : item.has("bbox") ? item.get("bbox") : item.get("bbox_2d");
            JsonNode text = item.get("text");
            if (box == null || !box.isArray() || !(box.size() == 4 || box.size() == 8) || text == null) {
                throw VlmException.unparseable("a spotting item lacks \"text\" or a \"box\" of 4 numbers", answer);
            }
            double[] v = new double[box.size()];
            for (int i = 0; i < v.length; i++) {
                if (!box.get(i).isNumber() && !(box.get(i).isTextual() && isNumber(box.get(i).asText()))) {
                    throw VlmException.unparseable("a spotting box holds a value that is not a number", answer);
                }
                v[i] = box.get(i).isNumber() ? box.get(i).asDouble() : Double.parseDouble(box.get(i).asText().trim());
            }
            String t = text.isTextual() ? text.asText().strip() : text.toString();
            if (t.isEmpty()) continue;
            if (v.length == 4) {
                out.add(new Spotted(t, rect(v[0], v[1], v[2], v[3])));
            } else {
                out.add(new Spotted(t, List.of(new Point(v[0], v[1]), new Point(v[2], v[3]), new Point(v[4], v[5]), new Point(v[6], v[7]))));
            }
        }
        return out;
    }

    /**
     * A spotted line's box in the pixels of a {@code width} x {@code height} image: grid
     * coordinates scaled by width/1000 and height/1000, then every corner clamped into the image
     * (a model writing 1012 or -3 gets the edge, not a box outside the page).
     */
    public static Quad toPixels(Spotted s, int width, int height, VlmConfig.Coordinates coords) {
        double sx = coords == VlmConfig.Coordinates.GRID_1000 ? width / 1000.0 : 1;
        double sy = coords == VlmConfig.Coordinates.GRID_1000 ? height / 1000.0 : 1;
        List<Point> px = new ArrayList<>(4);
        for (Point p : s.corners()) {
            px.add(new Point(Math.max(0, Math.min(width, p.x() * sx)), Math.max(0, Math.min(height, p.y() * sy))));
        }
        return s.corners().size() == 4 && isRect(s.corners()) ? new Quad(px.get(0), px.get(1), px.get(2), px.get(3)) : Quad.fromUnordered(px);
    }

    /**
     * The first JSON value in an answer: inside a code fence if there is one, else from the first
     * <code>{</code> or <code>[</code> on (after any leading words). Text after the value is ignored.
     */
    public static JsonNode json(String answer) {
        String s = stripThink(answer == null ? "" : answer).trim();
        Matcher fence = FENCE.matcher(s);
        String body = fence.find() ? fence.group(1) : s;
        int i = firstBracket(body);
        if (i < 0) throw VlmException.unparseable("the answer holds no JSON", answer);
        try (JsonParser p = LENIENT.createParser(body.substring(i))) {
            JsonNode n = LENIENT.readTree(p);
            if (n == null || n.isMissingNode()) throw VlmException.unparseable("the answer holds no JSON", answer);
            return n;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.length() > 120) why = why.substring(0, 120) + "...";
            throw VlmException.unparseable("the answer is not valid JSON (" + why + ")", answer);
        } catch (IOException e) {
            throw VlmException.unparseable("the answer could not be read as JSON", answer);
        }
    }

    /** Markdown or text answers: the thinking block dropped, and one code fence around the whole answer taken off. */
    public static String text(String answer) {
        String s = stripThink(answer == null ? "" : answer).strip();
        if (s.startsWith("```") && s.endsWith("```") && s.length() > 6) {
            int nl = s.indexOf('\n');
            if (nl > 0 && nl < s.length() - 3) return s.substring(nl + 1, s.length() - 3).strip();
        }
        return s;
    }

    private static String stripThink(String s) {
        return THINK.matcher(s).replaceAll("");
    }

    private static int firstBracket(String s) {
        int a = s.indexOf('{'), b = s.indexOf('[');
        if (a < 0) return b;
        if (b < 0) return a;
        return Math.min(a, b);
    }

    private static List<Point> rect(double x0, double y0, double x1, double y1) {
        double l = Math.min(x0, x1), r = Math.max(x0, x1), t = Math.min(y0, y1), b = Math.max(y0, y1);
        return List.of(new Point(l, t), new Point(r, t), new Point(r, b), new Point(l, b));
    }

    private static boolean isRect(List<Point> c) {
        return c.get(0).y() == c.get(1).y() && c.get(1).x() == c.get(2).x() && c.get(2).y() == c.get(3).y()
                && c.get(3).x() == c.get(0).x() && c.get(0).x() <= c.get(1).x() && c.get(0).y() <= c.get(3).y();
    }

    private static double num(String s) {
        return Double.parseDouble(s);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
