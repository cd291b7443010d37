package dev.lector.backend;

/**
 * What a backend learned when it calibrated one model for INT8, in its own format, so that the
 * same quantised model can be rebuilt later without running the float model again.
 *
 * @param backend the backend that made it ({@link InferenceBackend#name()})
 * @param json    the backend's own record of it, a JSON object
 */
public record StoredCalibration(String backend, String json) {
    public StoredCalibration {
        if (backend == null || backend.isBlank()) throw new IllegalArgumentException("backend must be named");
        if (json == null || json.isBlank()) throw new IllegalArgumentException("json must not be empty");
    }
}
