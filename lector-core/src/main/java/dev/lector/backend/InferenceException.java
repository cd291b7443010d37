package dev.lector.backend;

/** A model failed to load or run; the message names the model and the shapes involved. */
public class InferenceException extends RuntimeException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }
}
