package dev.lector.backend;

/**
 * A float model that watches what it computes while it runs: every run answers as the float model
 * does and records the activation ranges an INT8 version of the model needs. Run it on typical
 * inputs (the pages a user will read), then take {@link #calibration()}.
 */
public interface Int8Observer extends ModelSession {

    /** Runs so far. */
    int runs();

    /**
     * The calibration learned from the runs so far.
     *
     * @throws IllegalStateException before the first run
     */
    StoredCalibration calibration();
}
