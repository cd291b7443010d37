package dev.lector.vlm;

/**
 * One answer of the back end.
 *
 * @param text             the answer (after the repetition guard's cut, if it fired)
 * @param finish           why it ended: {@code stop}, {@code length} (the token cap),
 *                         {@code repetition} (the guard cut it), or what the server said
 * @param promptTokens     tokens in, as the server reported (-1: not reported)
 * @param completionTokens tokens out, as reported, else the pieces streamed (-1: unknown)
 * @param millis           wall time of the whole call, retries included
 * @param attempts         requests sent (1 + retries used)
 */
public record Completion(String text, String finish, long promptTokens, long completionTokens, double millis, int attempts) {

    public static final String STOP = "stop";
    public static final String LENGTH = "length";
    public static final String REPETITION = "repetition";

    /** Whether the answer was cut short (token cap or repetition guard). */
    public boolean truncated() {
        return LENGTH.equals(finish) || REPETITION.equals(finish);
    }
}
