package dev.lector.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.batch.OverloadedException;
import dev.lector.image.InputException;
import dev.lector.render.JsonRenderer;
import dev.lector.vlm.VlmException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP statuses and JSON error bodies
 * {@code {"error":{"code":"...","message":"..."}}}. A stack trace never reaches the client.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    /** Status, machine-readable code and message for one failure. */
    public record ApiError(int status, String code, String message) {}

    private ErrorMapper() {}

    /** Maps any failure (unwrapping executor wrappers) to the error the client sees. */
    public static ApiError map(Throwable t) {
        return map(t, null);
    }

    /**
     * Like {@link #map(Throwable)}; an internal failure (anything but validated client input and
     * the refusals above) is a 500, logged with {@code requestId} and the trace, the id (not the
     * cause) in the message so that a client can quote it.
     */
    public static ApiError map(Throwable t, String requestId) {
        Throwable e = unwrap(t);
        if (e instanceof ApiException a) {
            return switch (a.kind()) {
                case BAD_OPTION -> new ApiError(422, "bad_option", a.getMessage());
                case BAD_REQUEST -> new ApiError(400, "bad_request", a.getMessage());
                case UNAUTHORIZED -> new ApiError(401, "unauthorized", a.getMessage());
                case BODY_TOO_LARGE -> new ApiError(413, "body_too_large", a.getMessage());
                case UNSUPPORTED_MEDIA_TYPE -> new ApiError(415, "unsupported_type", a.getMessage());
                case EMPTY -> new ApiError(400, "empty", a.getMessage());
                case NOT_READY -> new ApiError(503, "not_ready", a.getMessage());
                case DEADLINE -> new ApiError(504, "deadline_exceeded", a.getMessage());
                case NOT_FOUND -> new ApiError(404, "not_found", a.getMessage());
                case REQUEST_TIMEOUT -> new ApiError(408, "request_timeout", a.getMessage());
                case TOO_MANY_CONNECTIONS -> new ApiError(503, "too_many_connections", a.getMessage());
                case RATE_LIMITED -> new ApiError(429, "rate_limited", a.getMessage());
                case CLIENT_GONE -> new ApiError(499, "client_closed_request", a.getMessage());
            };
        }
        if (e instanceof InputException in) {
            return switch (in.reason()) {
                case EMPTY -> new ApiError(400, "empty", in.getMessage());
                case UNDECODABLE -> new ApiError(400, "undecodable", in.getMessage());
                case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_type", in.getMessage());
                case TOO_LARGE -> new ApiError(413, "image_too_large", in.getMessage());
                case BAD_OPTION -> new ApiError(422, "bad_option", in.getMessage());
            };
        }
        if (e instanceof OverloadedException) return new ApiError(429, "overloaded", e.getMessage());
        if (e instanceof VlmException v) {
            return switch (v.kind()) {
                case UNREACHABLE -> new ApiError(502, "vlm_unreachable", v.getMessage());
                case REFUSED -> new ApiError(502, "vlm_refused", v.getMessage());
                case UNAVAILABLE -> new ApiError(503, "vlm_unavailable", v.getMessage());
                case TIMEOUT -> new ApiError(504, "vlm_timeout", v.getMessage());
                case UNPARSEABLE -> new ApiError(502, "vlm_unparseable", v.getMessage());
            };
        }
        if (e instanceof HttpResponseException h) {
            int s = h.getStatus();
            String code = switch (s) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "body_too_large";
                case 400 -> "bad_request";
                default -> "http_" + s;
            };
            return new ApiError(s, code, h.getMessage() == null || h.getMessage().isBlank() ? code : h.getMessage());
        }
        // Jetty's multipart parser: a part above the cap, or a body it cannot read
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IllegalStateException && c.getMessage() != null && c.getMessage().contains("size exceeded")) {
                return new ApiError(413, "body_too_large", "the body is larger than the limit (" + c.getMessage() + ")");
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return new ApiError(h.getCode(), "bad_request", "the request could not be read: " + h.getReason());
            }
        }
        LOG.error("internal error, request id {}", requestId, e);
        return new ApiError(500, "internal", "internal error" + (requestId == null ? "" : " (request id " + requestId + ")"));
    }

    /**
     * Writes the error for {@code t} to the response, with {@code Retry-After} for 429 and the
     * request's id ({@link RequestIds}).
     */
    public static void write(Throwable t, Context ctx) {
        write(map(t, RequestIds.of(ctx)), ctx);
    }

    public static void write(ApiError err, Context ctx) {
        if (err.status() == 429) {
            Object wait = ctx.attribute(Authentication.RETRY_AFTER_ATTRIBUTE);
            ctx.header("Retry-After", wait == null ? "1" : wait.toString());
        }
        ctx.status(err.status()).contentType("application/json").result(json(err));
    }

    public static String json(ApiError err) {
        ObjectNode root = JsonRenderer.mapper().createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("code", err.code());
        e.put("message", err.message());
        return root.toString();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
