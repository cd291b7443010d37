package dev.lector.image;

/** The caller's input cannot be read; {@link #reason()} says why and decides the HTTP status. */
public class InputException extends RuntimeException {

    /** Why the input cannot be read. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** A format Lector does not read (text, ZIP, ...). */
        UNSUPPORTED_FORMAT,
        /** A supported format whose bytes are broken or truncated. */
        UNDECODABLE,
        /** Declared or actual pixel count above the configured cap. */
        TOO_LARGE,
        /** A page selection or option that does not fit this input. */
        BAD_OPTION
    }

    private final Reason reason;

    /**
     * An input error.
     *
     * @param reason  why the input cannot be read
     * @param message a one-line message for the caller, naming what is wrong
     */
    public InputException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * An input error with its underlying cause.
     *
     * @param reason  why the input cannot be read
     * @param message a one-line message for the caller, naming what is wrong
     * @param cause   the decoder's or parser's exception
     */
    public InputException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why the input cannot be read.
     *
     * @return the reason, which decides the HTTP status
     */
    public Reason reason() {
        return reason;
    }
}
