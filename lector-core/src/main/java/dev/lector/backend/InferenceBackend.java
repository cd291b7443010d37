package dev.lector.backend;

/** A runtime that loads models for one device. Owns the sessions it loads; closing it closes them. */
public interface InferenceBackend extends AutoCloseable {

    String name();

    /** The device models actually run on (may differ from the one asked for after a fallback). */
    Device device();

    /** Why the device asked for was not used, or null when it was. */
    String fallbackReason();

    ModelSession load(ModelSource source) throws InferenceException;

    @Override
    void close();
}
