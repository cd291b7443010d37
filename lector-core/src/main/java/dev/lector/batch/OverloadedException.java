package dev.lector.batch;

/** New work was refused because the bounded queue is full; the caller should retry later. */
public class OverloadedException extends RuntimeException {
    /**
     * A refusal.
     *
     * @param message a one-line message naming the limit that was reached
     */
    public OverloadedException(String message) {
        super(message);
    }
}
