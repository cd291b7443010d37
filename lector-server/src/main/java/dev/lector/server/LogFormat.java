package dev.lector.server;

import java.util.Locale;

/** The access log's line format: {@code key=value} pairs, or one JSON object per line. */
public enum LogFormat {
    TEXT, JSON;

    /** The name on the command line and in {@code LECTOR_LOG_FORMAT}: {@code text} or {@code json}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code text} or {@code json} (any case); anything else is an error naming {@code what}. */
    public static LogFormat parse(String what, String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(what + " must be text or json, not '" + value + "'");
        };
    }
}
