package dev.lector.backend;

/**
 * A loaded model with one float input and one float output. {@link #run} is safe to call from
 * several threads at once. Closing is idempotent.
 */
public interface ModelSession extends AutoCloseable {

    /** The model's name (file name of its source). */
    String name();

    /** SHA-256 of the model bytes, hex. */
    String sha256();

    /** Runs the model; the input's batch dimension may be any size the model accepts. */
    Tensor run(Tensor input) throws InferenceException;

    /** {@code fp32}, or {@code int8} when the backend runs some of its layers quantised. */
    default String precision() {
        return "fp32";
    }

    /** The output's last dimension as declared by the model, or -1 if it is dynamic. */
    long outputWidth();

    @Override
    void close();
}
