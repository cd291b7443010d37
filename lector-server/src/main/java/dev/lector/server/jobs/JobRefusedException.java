package dev.lector.server.jobs;

/**
 * A submission refused for lack of room: the queue is full (429, try again after
 * {@code retryAfterSeconds}) or the jobs folder's disk budget is spent (507).
 */
public final class JobRefusedException extends RuntimeException {

    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    JobRefusedException(int status, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
