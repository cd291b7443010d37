package dev.lector.vlm;

/** Told about every finished VLM call (for metrics); must be quick and thread-safe. */
@FunctionalInterface
public interface VlmListener {
    VlmListener NONE = (task, status, millis, promptTokens, completionTokens) -> {};

    /**
     * @param status           {@code ok}, or a {@link VlmException#status()} such as {@code timeout}
     * @param promptTokens     tokens in as reported (-1: unknown)
     * @param completionTokens tokens out (-1: unknown)
     */
    void completed(VlmTask task, String status, double millis, long promptTokens, long completionTokens);
}
