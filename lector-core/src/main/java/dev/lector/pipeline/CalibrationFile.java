package dev.lector.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.backend.StoredCalibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code lector calibrate} wrote: per model (detector, recogniser) the INT8 calibration the
 * backend made on a user's pages, the pages it was made on and checked on, and how the INT8 model
 * did against the float one on the held-back pages. An engine given this file
 * ({@link EngineConfig#calibration()}) runs a model in INT8 only if its check passed.
 *
 * @param lectorVersion the Lector version that made it
 * @param backend       the backend that calibrated
 * @param source        the folder the pages came from, as given
 * @param models        one entry per calibrated model
 */
public record CalibrationFile(String lectorVersion, String backend, String source, List<ModelCalibration> models) {

    public static final int FORMAT = 1;
    /** The roles a calibration can be for. */
    public static final Set<String> ROLES = Set.of("det", "rec");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CalibrationFile {
        models = List.copyOf(models);
        if (models.stream().map(ModelCalibration::role).distinct().count() != models.size()) {
            throw new IllegalArgumentException("one calibration per model role");
        }
    }

    /**
     * One figure of the check: {@code value} measured, at least {@code minimum} needed.
     *
     * @param name what was measured ({@code det_hmean}, {@code line_agreement})
     */
    public record Measure(String name, double value, double minimum) {
        public boolean passed() {
            return value >= minimum;
        }
    }

    /**
     * @param role         {@code det} or {@code rec}
     * @param model        the model's name (its file name)
     * @param modelSha256  SHA-256 of the model file, hex: the file fits only this model
     * @param calibratedOn the inputs the ranges were observed on
     * @param checkedOn    the held-back inputs the INT8 model was checked on
     * @param check        the figures of that check
     * @param int8         the backend's calibration
     */
    public record ModelCalibration(String role, String model, String modelSha256, List<String> calibratedOn,
                                   List<String> checkedOn, List<Measure> check, StoredCalibration int8) {
        public ModelCalibration {
            if (!ROLES.contains(role)) throw new IllegalArgumentException("unknown model role " + role);
            calibratedOn = List.copyOf(calibratedOn);
            checkedOn = List.copyOf(checkedOn);
            check = List.copyOf(check);
        }

        /** Whether the INT8 model passed every figure of its check (and was checked at all). */
        public boolean passed() {
            return !check.isEmpty() && check.stream().allMatch(Measure::passed);
        }

        /** The check in words, e.g. {@code det_hmean 0.981 (>= 0.95), line_agreement 0.962 (>= 0.95)}. */
        public String checkSummary() {
            List<String> parts = new ArrayList<>();
            for (Measure m : check) parts.add(String.format(java.util.Locale.ROOT, "%s %.4f (>= %.2f)", m.name(), m.value(), m.minimum()));
            return String.join(", ", parts);
        }
    }

    /** The entry for {@code role}, or null. */
    public ModelCalibration model(String role) {
        for (ModelCalibration m : models) if (m.role().equals(role)) return m;
        return null;
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("lector_version", lectorVersion);
        root.put("backend", backend);
        root.put("source", source);
        ArrayNode ms = root.putArray("models");
        for (ModelCalibration m : models) {
            ObjectNode n = ms.addObject();
            n.put("role", m.role());
            n.put("model", m.model());
            n.put("model_sha256", m.modelSha256());
            n.put("passed", m.passed());
            ObjectNode check = n.putObject("check");
            for (Measure x : m.check()) {
                ObjectNode c = check.putObject(x.name());
                c.put("value", x.value());
                c.put("minimum", x.minimum());
            }
            m.calibratedOn().forEach(n.putArray("calibrated_on")::add);
            m.checkedOn().forEach(n.putArray("checked_on")::add);
            n.put("int8_backend", m.int8().backend());
            try {
                n.set("int8", JSON.readTree(m.int8().json()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the backend's calibration is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the calibration file: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a file {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static CalibrationFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("calibration file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read calibration file " + file + ": " + e.getMessage());
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration file " + file + " is not one `lector calibrate` wrote: " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static CalibrationFile parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        if (root.path("format").asInt(-1) != FORMAT) throw new IllegalArgumentException("format is not " + FORMAT);
        List<ModelCalibration> models = new ArrayList<>();
        JsonNode ms = root.path("models");
        if (!ms.isArray() || ms.isEmpty()) throw new IllegalArgumentException("no models");
        for (JsonNode n : ms) {
            String role = text(n, "role");
            if (!ROLES.contains(role)) throw new IllegalArgumentException("unknown model role " + role);
            List<Measure> check = new ArrayList<>();
            for (var e : n.path("check").properties()) {
                JsonNode v = e.getValue().get("value");
                JsonNode min = e.getValue().get("minimum");
                if (v == null || !v.isNumber() || min == null || !min.isNumber()) {
                    throw new IllegalArgumentException(role + ": check " + e.getKey() + " has no value and minimum");
                }
                check.add(new Measure(e.getKey(), v.asDouble(), min.asDouble()));
            }
            JsonNode int8 = n.get("int8");
            if (int8 == null || !int8.isObject()) throw new IllegalArgumentException(role + ": no int8 calibration");
            String sha = text(n, "model_sha256");
            if (!sha.matches("[0-9a-f]{64}")) throw new IllegalArgumentException(role + ": model_sha256 is not a SHA-256");
            models.add(new ModelCalibration(role, text(n, "model"), sha, strings(n, "calibrated_on"), strings(n, "checked_on"),
                    check, new StoredCalibration(text(n, "int8_backend"), int8.toString())));
        }
        return new CalibrationFile(text(root, "lector_version"), text(root, "backend"), text(root, "source"), models);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("no " + field);
        return v.asText();
    }

    private static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) throw new IllegalArgumentException("no " + field);
        List<String> out = new ArrayList<>();
        for (JsonNode s : v) out.add(s.asText());
        return out;
    }
}
