package dev.lector.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Service-provider interface for inference runtimes, found with {@link ServiceLoader}. */
public interface BackendProvider {

    /** A short name such as {@code onnxruntime}. */
    String name();

    /** Null if this provider can run on {@code device}, else why not (missing library, no GPU, ...). */
    String unavailableReason(Device device);

    /**
     * Creates a backend for {@code device}; when the device is unavailable and {@code allowFallback}
     * is set, falls back to the CPU and reports why through {@link InferenceBackend#fallbackReason()}.
     * With {@code rewriteGraphs} the backend may rewrite each model's graph into an equivalent,
     * faster one before loading it (outputs equal up to float rounding).
     */
    InferenceBackend create(Device device, boolean allowFallback, boolean rewriteGraphs) throws InferenceException;

    static List<BackendProvider> all() {
        List<BackendProvider> out = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(out::add);
        return out;
    }

    /** The provider named {@code name}, or the first found when {@code name} is null. */
    static BackendProvider find(String name) {
        List<BackendProvider> all = all();
        if (all.isEmpty()) {
            throw new InferenceException("no inference backend on the classpath: add lector-onnx");
        }
        if (name == null) return all.get(0);
        return all.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InferenceException("no inference backend named '" + name + "'; found "
                        + all.stream().map(BackendProvider::name).toList()));
    }
}
