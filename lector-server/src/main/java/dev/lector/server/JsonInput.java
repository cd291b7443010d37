package dev.lector.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of an image request, {@code Content-Type: application/json} with
 * {@code {"image":"<base64>","options":{"cls":true,...}}}: the image as standard or URL-safe
 * base64 (padding optional, line breaks allowed) or as a {@code data:} URI
 * ({@code data:image/png;base64,...}); {@code options} are the query parameters by name, with
 * strings, numbers, booleans or arrays (joined with commas, e.g. {@code "keys":["Total","Date"]}).
 * Unknown top-level fields, malformed JSON and bad base64 are 400s; the decoded image is held to
 * the same size cap as a raw body (413).
 *
 * @param image   the decoded image or PDF
 * @param options option name to value, as a query parameter would carry it
 */
record JsonInput(byte[] image, Map<String, String> options) {

    /** Room for the options and a {@code data:} prefix next to the base64 text. */
    static final int OPTIONS_ALLOWANCE_BYTES = 64 * 1024;

    /** The body cap already bounds every string; Jackson's own default (20 M chars) would refuse a 20 MB image. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

    JsonInput {
        options = Map.copyOf(options);
    }

    /** Whether the request says its body is JSON ({@code application/json} or {@code application/*+json}). */
    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        t = (semi < 0 ? t : t.substring(0, semi)).trim();
        return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
    }

    /** The largest JSON body that can carry an image of {@code maxImageBytes}: its base64 length plus the allowance. */
    static long maxBodyBytes(long maxImageBytes) {
        return (maxImageBytes + 2) / 3 * 4 + OPTIONS_ALLOWANCE_BYTES;
    }

    /** Parses and decodes a JSON body; the decoded image above {@code maxImageBytes} is a 413. */
    static JsonInput parse(byte[] body, long maxImageBytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw bad("the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": send {\"image\":\"<base64>\",\"options\":{...}}");
        } catch (IOException e) {
            throw bad("the body is not valid JSON: send {\"image\":\"<base64>\",\"options\":{...}}");
        }
        if (root == null || !root.isObject()) throw bad("the JSON body must be an object: {\"image\":\"<base64>\",\"options\":{...}}");
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("image") && !f.equals("options")) {
                throw bad("unknown field '" + f + "' in the JSON body: it takes 'image' and 'options'");
            }
        }
        JsonNode image = root.get("image");
        if (image == null || image.isNull()) throw new ApiException(ApiException.Kind.EMPTY, "the JSON body has no 'image' (base64 text or a data: URI)");
        if (!image.isTextual()) throw bad("'image' must be a string of base64 text or a data: URI");
        byte[] bytes = decode(image.textValue());
        if (bytes.length == 0) throw new ApiException(ApiException.Kind.EMPTY, "the request has no image: 'image' is empty");
        if (bytes.length > maxImageBytes) {
            throw new ApiException(ApiException.Kind.BODY_TOO_LARGE, "the decoded image (" + bytes.length
                    + " bytes) is larger than the limit of " + maxImageBytes + " bytes");
        }
        return new JsonInput(bytes, options(root.get("options")));
    }

    /** Base64 text or a {@code data:[type];base64,} URI to bytes; anything else is a 400. */
    static byte[] decode(String text) {
        String b64 = text;
        if (text.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = text.indexOf(',');
            if (comma < 0 || !text.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw bad("a data: URI in 'image' must be base64, e.g. data:image/png;base64,iVBOR...");
            }
            b64 = text.substring(comma + 1);
        }
        StringBuilder clean = new StringBuilder(b64.length());
        boolean urlSafe = false;
        for (int i = 0; i < b64.length(); i++) {
            char c = b64.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
            if (c == '-' || c == '_') urlSafe = true;
            clean.append(c);
        }
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw bad("'image' is not valid base64 (standard or URL-safe alphabet, padding optional)");
        }
    }

    private static Map<String, String> options(JsonNode options) {
        Map<String, String> out = new LinkedHashMap<>();
        if (options == null || options.isNull()) return out;
        if (!options.isObject()) throw bad("'options' must be an object of option names to values, e.g. {\"cls\":true}");
        for (var it = options.fields(); it.hasNext(); ) {
            var f = it.next();
            JsonNode v = f.getValue();
            if (v.isNull()) continue;
            if (v.isValueNode()) {
                out.put(f.getKey(), v.asText());
            } else if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode x : v) {
                    if (!x.isValueNode() || x.isNull()) throw bad("option '" + f.getKey() + "' must be a list of plain values");
                    parts.add(x.asText());
                }
                out.put(f.getKey(), String.join(",", parts));
            } else {
                throw bad("option '" + f.getKey() + "' must be a string, number, boolean or list, not an object");
            }
        }
        return out;
    }

    private static ApiException bad(String message) {
        return new ApiException(ApiException.Kind.BAD_REQUEST, message);
    }
}
