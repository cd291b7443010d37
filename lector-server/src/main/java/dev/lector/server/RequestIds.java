package dev.lector.server;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a request: the client's own {@code X-Request-Id} when it sends a usable one (1 to 128
 * characters of letters, digits and {@code . _ : -}), else a new random UUID. It is echoed in the
 * {@code X-Request-Id} header of every response and named in error logs.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "lector.requestId";
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    /** This request's id, chosen once and set on the response. */
    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id != null) return id;
        id = choose(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** The id for a request that sent {@code sent} as its {@code X-Request-Id} (null: none). */
    static String choose(String sent) {
        return sent != null && USABLE.matcher(sent.trim()).matches() ? sent.trim() : UUID.randomUUID().toString();
    }
}
