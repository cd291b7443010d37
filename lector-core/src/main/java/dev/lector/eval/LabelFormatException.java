package dev.lector.eval;

import java.nio.file.Path;

/** A labels file line that is not valid JSON or not in the expected shape; says which line. */
public final class LabelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int lineNumber;

    public LabelFormatException(Path file, int lineNumber, String message, Throwable cause) {
        super(file + ":" + lineNumber + ": " + message, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number in the labels file. */
    public int lineNumber() {
        return lineNumber;
    }
}
