package dev.lector.backend;

/** A runtime that loads models for one device. Owns the sessions it loads; closing it closes them. */
public interface InferenceBackend extends AutoCloseable {

    String name();

    /** The device models actually run on (may differ from the one asked for after a fallback). */
    Device device();

    /** Why the device asked for was not used, or null when it was. */
    String fallbackReason();

    ModelSession load(ModelSource source) throws InferenceException;

    /**
     * Loads {@code source} with its heaviest layers quantised to INT8 where this backend and device
     * can, calibrated on {@code calibration} (typical inputs; a backend may hold some back to check
     * the quantised model against the float one and keep the float one when they disagree); a
     * backend that cannot loads the float model. Quantisation is not exact.
     */
    default ModelSession loadQuantized(ModelSource source, java.util.List<Tensor> calibration) throws InferenceException {
        return load(source);
    }

    /**
     * As {@link #loadQuantized(ModelSource, java.util.List)}, asking for the calibration inputs only
     * when it needs them: a backend that has a stored calibration for this model (shipped with
     * Lector, or cached on disk) never calls {@code calibration}. An empty list means none can be
     * had, and the float model is loaded.
     */
    default ModelSession loadQuantized(ModelSource source, java.util.function.Supplier<java.util.List<Tensor>> calibration)
            throws InferenceException {
        return loadQuantized(source, calibration.get());
    }

    /**
     * The float model of {@code source}, recording what INT8 calibration needs as it runs; null
     * when this backend or its device cannot quantise the model (the reason is logged).
     */
    default Int8Observer observeForInt8(ModelSource source) throws InferenceException {
        return null;
    }

    /**
     * {@code source} with its INT8 layers built from {@code calibration} (made by
     * {@link #observeForInt8}, here or on another machine); null when this backend, device or CPU
     * cannot run the model as it was calibrated and checked (the reason is logged), so the caller
     * loads the float model.
     *
     * @throws InferenceException when {@code calibration} does not belong to this model or is corrupt
     */
    default ModelSession loadCalibrated(ModelSource source, StoredCalibration calibration) throws InferenceException {
        return null;
    }

    /**
     * This backend, loading models whose runs on the CPU each use at least {@code threads} threads:
     * for a model run one input at a time while other cores would wait (the detector). The models
     * it loads belong to this backend (closing the view closes nothing). A backend without such a
     * knob returns itself.
     */
    default InferenceBackend withCpuThreads(int threads) {
        return this;
    }

    @Override
    void close();
}
