package dev.lector.pipeline;

import java.util.List;

/**
 * What an engine runs: backend, device (and why it is not the one asked for), models with their
 * checksums, and the settings. Printed by {@code GET /v1/models} and {@code lector ocr --verbose}.
 */
public record EngineInfo(String backend, String device, String fallbackReason, List<Model> models, int workers,
                         EngineConfig config) {

    /** One loaded model; {@code precision} is fp32 or int8 (the dictionary: "text"). */
    public record Model(String role, String name, String sha256, String precision) {}

    /** A short fingerprint of the models, for cache keys. */
    public String modelsFingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Model m : models) sb.append(m.role()).append('=').append(m.sha256()).append('/').append(m.precision()).append(';');
        return sb.toString();
    }
}
