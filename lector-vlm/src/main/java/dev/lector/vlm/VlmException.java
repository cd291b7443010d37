package dev.lector.vlm;

/**
 * The VLM back end could not give a usable answer. The message is one line for people; it never
 * holds the API key. The server maps {@link Kind} to a status in one place ({@code ErrorMapper}),
 * the CLI to an exit code.
 */
public final class VlmException extends RuntimeException {

    /** Why; the HTTP status the server answers is in brackets. */
    public enum Kind {
        /** No connection (refused, unknown host, connect timeout, connection dropped) [502]. */
        UNREACHABLE,
        /** The back end answered with an error that retrying does not cure (400, 401, 404, 500...) [502]. */
        REFUSED,
        /** The back end stayed overloaded (429 or 503) through every retry, or this client's slots stayed full [503]. */
        UNAVAILABLE,
        /** No first token, or no complete answer, within the timeout [504]. */
        TIMEOUT,
        /** An answer came but could not be read; the message carries its first characters [502]. */
        UNPARSEABLE
    }

    /** How many characters of a bad answer an error message quotes. */
    public static final int QUOTE_CHARS = 200;

    private final Kind kind;
    private final String rawStart;

    public VlmException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public VlmException(Kind kind, String message, String rawStart, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.rawStart = rawStart;
    }

    /** An answer that could not be parsed: {@code what}, then the answer's first characters. */
    public static VlmException unparseable(String what, String answer) {
        String start = quote(answer);
        return new VlmException(Kind.UNPARSEABLE, what + "; the answer starts: " + start, start, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The first characters of the answer, for {@link Kind#UNPARSEABLE}; null otherwise. */
    public String rawStart() {
        return rawStart;
    }

    /** The name in metrics: {@code unreachable}, {@code refused}, ... */
    public String status() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first {@value #QUOTE_CHARS} characters of {@code s}, control characters shown as spaces, in quotes. */
    static String quote(String s) {
        if (s == null) return "\"\"";
        String t = s.length() > QUOTE_CHARS ? s.substring(0, QUOTE_CHARS) + "..." : s;
        return "\"" + t.replaceAll("[\\p{Cntrl}]", " ") + "\"";
    }
}
