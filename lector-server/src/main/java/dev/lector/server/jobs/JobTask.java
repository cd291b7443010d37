package dev.lector.server.jobs;

import java.util.Locale;

/** What a job does: what {@code POST /v1/ocr} or {@code POST /v1/extract} would. */
public enum JobTask {
    OCR, EXTRACT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code ocr} or {@code extract}; anything else is an {@link IllegalArgumentException} naming the choices. */
    public static JobTask of(String key) {
        return switch (key.trim().toLowerCase(Locale.ROOT)) {
            case "ocr" -> OCR;
            case "extract" -> EXTRACT;
            default -> throw new IllegalArgumentException("task must be ocr or extract, not '" + key + "'");
        };
    }
}
