package dev.lector.server.jobs;

/**
 * Why a job failed, in the shape of the API's errors.
 *
 * @param code    machine-readable code, as in {@code {"error":{"code"}}} ({@code undecodable}, ...)
 * @param message one line for people
 */
public record JobError(String code, String message) {
    public JobError {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("error code must not be empty");
        message = message == null ? code : message;
    }
}
