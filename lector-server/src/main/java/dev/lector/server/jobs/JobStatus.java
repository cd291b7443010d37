package dev.lector.server.jobs;

import java.util.Locale;

/** Where a job is: waiting, being read, or finished one of three ways. */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    /** The name in the API and the database ({@code queued}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job has ended (its result, error or cancellation is final). */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public static JobStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
