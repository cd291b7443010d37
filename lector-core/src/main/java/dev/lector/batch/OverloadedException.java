package dev.lector.batch;

/** New work was refused because the bounded queue is full; the caller should retry later. */
public class OverloadedException extends RuntimeException {
    public OverloadedException(String message) {
        super(message);
    }
}
