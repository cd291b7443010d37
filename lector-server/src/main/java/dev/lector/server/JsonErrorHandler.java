package dev.lector.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request line or headers it cannot parse: 400, 414, 431; anything
 * that fails before Javalin sees the request) in the service's JSON error shape instead of HTML.
 * Jetty's reason is a fixed phrase of its own, never a stack trace. They carry an
 * {@code X-Request-Id} like every other answer.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(JSON);
        if (!response.getHeaders().contains(RequestIds.HEADER)) {
            response.getHeaders().put(RequestIds.HEADER, RequestIds.choose(request.getHeaders().get(RequestIds.HEADER)));
        }
        response.write(true, body(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        // the request's headers could not be read: the id is a new one
        if (!fields.contains(RequestIds.HEADER)) fields.put(RequestIds.HEADER, RequestIds.choose(null));
        return body(status, reason);
    }

    static ByteBuffer body(int status, String reason) {
        return ByteBuffer.wrap(ErrorMapper.json(error(status, reason)).getBytes(StandardCharsets.UTF_8));
    }

    static ErrorMapper.ApiError error(int status, String reason) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
        String phrase = HttpStatus.getMessage(status);
        String message = switch (status) {
            case 414 -> "the request line (URI) is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts";
            default -> "the request could not be read: " + (reason == null || reason.isBlank() ? phrase : reason);
        };
        return new ErrorMapper.ApiError(status, code, message);
    }
}
