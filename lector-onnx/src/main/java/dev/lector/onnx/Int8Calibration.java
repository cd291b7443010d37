package dev.lector.onnx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.onnx.graph.PointwiseConvQuantizer;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What INT8 calibration learned about one model, stored so that it need not run again: the
 * activation range of every tensor {@link PointwiseConvQuantizer} quantises (with the uint8 scale
 * and zero point that follow from it), and how often the INT8 model agreed with the float one,
 * per weight range. With these, quantising is a pure function of the model's weights, so every
 * machine that loads the same model with the same entry runs the same INT8 model.
 *
 * @param modelSha256   SHA-256 of the graph that was quantised (the model after Lector's graph rewrites)
 * @param sourceSha256  SHA-256 of the model file as given
 * @param lectorVersion the Lector version that made the entry
 * @param made          how it was made, for people (lines, fonts, seed)
 * @param linesSha256   SHA-256 of the calibration inputs ({@code CalibrationLines.sha256})
 * @param ranges        tensor name -> {min, max}, in graph order
 * @param agreement     weight range (63, 127) -> share of output rows on which INT8 and float agree
 */
record Int8Calibration(String modelSha256, String sourceSha256, String lectorVersion, String made, String linesSha256,
                       Map<String, float[]> ranges, Map<Integer, Double> agreement) {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    Int8Calibration {
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        agreement = Collections.unmodifiableMap(new TreeMap<>(agreement));
    }

    /** This entry with {@code share} recorded for {@code weightMax}. */
    Int8Calibration withAgreement(int weightMax, double share) {
        Map<Integer, Double> a = new TreeMap<>(agreement);
        a.put(weightMax, share);
        return new Int8Calibration(modelSha256, sourceSha256, lectorVersion, made, linesSha256, ranges, a);
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("model_sha256", modelSha256);
        root.put("source_sha256", sourceSha256);
        root.put("lector_version", lectorVersion);
        root.put("made", made);
        root.put("lines_sha256", linesSha256);
        ObjectNode a = root.putObject("agreement");
        agreement.forEach((w, share) -> a.put(Integer.toString(w), share));
        var tensors = root.putArray("tensors");
        ranges.forEach((name, r) -> {
            ObjectNode t = tensors.addObject();
            t.put("name", name);
            t.put("min", r[0]);
            t.put("max", r[1]);
            float[] sz = PointwiseConvQuantizer.scaleAndZeroPoint(r[0], r[1]);
            if (sz != null) {
                t.put("scale", sz[0]);
                t.put("zero_point", (int) sz[1]);
            }
        });
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write INT8 calibration: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an entry and checks it belongs to {@code expectedModelSha256} and names exactly the
     * tensors {@code expectedTensors}, each with a finite range and the scale and zero point that
     * range gives.
     *
     * @throws IllegalArgumentException when the bytes are not such an entry (corrupt or for another model)
     */
    static Int8Calibration fromJson(byte[] bytes, String expectedModelSha256, Set<String> expectedTensors) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        if (root.path("format").asInt(-1) != FORMAT) throw new IllegalArgumentException("format is not " + FORMAT);
        String model = text(root, "model_sha256");
        if (!model.equals(expectedModelSha256)) throw new IllegalArgumentException("made for another model (" + model + ")");
        Map<String, float[]> ranges = new LinkedHashMap<>();
        for (JsonNode t : root.path("tensors")) {
            String name = text(t, "name");
            float min = number(t, "min");
            float max = number(t, "max");
            if (!(min <= max)) throw new IllegalArgumentException("tensor " + name + " has no valid range");
            float[] sz = PointwiseConvQuantizer.scaleAndZeroPoint(min, max);
            if (sz != null && (!t.has("scale") || number(t, "scale") != sz[0] || t.path("zero_point").asInt(-1) != (int) sz[1])) {
                throw new IllegalArgumentException("tensor " + name + ": scale or zero point do not match its range");
            }
            if (ranges.put(name, new float[] {min, max}) != null) throw new IllegalArgumentException("tensor " + name + " twice");
        }
        if (!ranges.keySet().equals(expectedTensors)) {
            throw new IllegalArgumentException("names " + ranges.size() + " tensors, the model quantises " + expectedTensors.size());
        }
        Map<Integer, Double> agreement = new TreeMap<>();
        JsonNode a = root.path("agreement");
        for (var e : a.properties()) {
            double share = e.getValue().asDouble(-1);
            int w;
            try {
                w = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("agreement key " + e.getKey() + " is not a weight range");
            }
            if (!(share >= 0 && share <= 1) || w < 1 || w > 127) throw new IllegalArgumentException("agreement " + e.getKey() + " out of range");
            agreement.put(w, share);
        }
        return new Int8Calibration(model, text(root, "source_sha256"), text(root, "lector_version"), text(root, "made"),
                text(root, "lines_sha256"), ranges, agreement);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("no " + field);
        return v.asText();
    }

    private static float number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("no number " + field);
        // the decimal Jackson wrote for a float parses back to exactly that float
        float f = Float.parseFloat(v.asText());
        if (!Float.isFinite(f)) throw new IllegalArgumentException(field + " is not finite");
        return f;
    }
}
