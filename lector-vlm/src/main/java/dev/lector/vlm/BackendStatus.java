package dev.lector.vlm;

import java.util.List;

/**
 * What {@code GET {base}/models} said last.
 *
 * @param reachable whether it answered 200 with a model list
 * @param model     the model requests name (configured, or the first listed)
 * @param models    the model ids the back end lists
 * @param message   why it is not reachable (null when it is)
 * @param checkedAtMillis when it was asked (epoch ms; 0: not yet)
 */
public record BackendStatus(boolean reachable, String model, List<String> models, String message, long checkedAtMillis) {
    public BackendStatus {
        models = models == null ? List.of() : List.copyOf(models);
    }

    static BackendStatus unknown(String model) {
        return new BackendStatus(false, model, List.of(), "not checked yet", 0);
    }
}
