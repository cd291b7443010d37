package dev.lector.server;

/**
 * A request the server refuses for a reason of its own (not the engine's): bad option, wrong
 * key, too big, draining, deadline. {@link ErrorMapper} turns the {@link Kind} into a status.
 */
public final class ApiException extends RuntimeException {

    /** Why the request was refused; the status lives in {@link ErrorMapper}, not here. */
    public enum Kind { BAD_OPTION, BAD_REQUEST, UNAUTHORIZED, BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, EMPTY, NOT_READY, DEADLINE, NOT_FOUND,
        /** The request (its body) did not arrive within its deadline: 408. */
        REQUEST_TIMEOUT,
        /** Every normal connection is taken: 503 (the connection is closed after). */
        TOO_MANY_CONNECTIONS,
        /** A key over its rate, or an address that failed too many keys: 429 with {@code Retry-After}. */
        RATE_LIMITED,
        /** The client closed its connection before the answer: 499 in metrics and logs (nobody reads it). */
        CLIENT_GONE }

    private final Kind kind;

    public ApiException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
