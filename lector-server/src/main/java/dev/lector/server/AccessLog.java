package dev.lector.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.render.JsonRenderer;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request to the SLF4J logger {@value #LOGGER_NAME} (INFO), written by Jetty when the
 * exchange completes, so that every request gets one: answered, refused early (401, 404, 405, 413,
 * 429, 503) or failed in Jetty's own parser (400, 414, 431). Fields: time (start), request id,
 * method, route template (never the path with its query), status, milliseconds, body bytes read
 * and written, and the API key's name ({@code key-N}, its position in the configured list),
 * never the key itself.
 */
final class AccessLog implements RequestLog {

    static final String LOGGER_NAME = "lector.access";
    /** Request attribute: the route label the request was counted under (set by the server's request logger). */
    static final String ROUTE_ATTRIBUTE = "lector.route";
    /** Request attribute: the name of the API key the request was admitted with. */
    static final String KEY_ATTRIBUTE = "lector.apiKey";

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    /** What one line says; absent values are null. */
    record Entry(Instant time, String requestId, String method, String route, int status, double millis,
                 long bytesIn, long bytesOut, String key) {}

    private final LogFormat format;
    private final Consumer<String> sink;
    private final BooleanSupplier enabled;

    AccessLog(LogFormat format) {
        this(format, LoggerFactory.getLogger(LOGGER_NAME));
    }

    private AccessLog(LogFormat format, Logger logger) {
        this(format, logger::info, logger::isInfoEnabled);
    }

    /** Lines to {@code sink} (the tests' way of reading them). */
    AccessLog(LogFormat format, Consumer<String> sink) {
        this(format, sink, () -> true);
    }

    private AccessLog(LogFormat format, Consumer<String> sink, BooleanSupplier enabled) {
        this.format = format;
        this.sink = sink;
        this.enabled = enabled;
    }

    /** The name a key is logged under: {@code key-1} for the first configured key, and so on. */
    static String keyName(int index) {
        return "key-" + (index + 1);
    }

    @Override
    public void log(Request request, Response response) {
        if (!enabled.getAsBoolean()) return; // silenced (-Dorg.slf4j.simpleLogger.log.lector.access=warn): no line to format
        try {
            sink.accept(format(entry(request, response)));
        } catch (RuntimeException e) {
            // a request is never failed over its log line
            LOG.debug("access log line not written", e);
        }
    }

    static Entry entry(Request request, Response response) {
        Object route = request.getAttribute(ROUTE_ATTRIBUTE);
        Object key = request.getAttribute(KEY_ATTRIBUTE);
        double ms = (System.nanoTime() - request.getBeginNanoTime()) / 1e6;
        return new Entry(Instant.ofEpochMilli(Request.getTimeStamp(request)), response.getHeaders().get(RequestIds.HEADER),
                token(request.getMethod()), route == null ? null : route.toString(), response.getStatus(), ms,
                Request.getContentBytesRead(request), Response.getContentBytesWritten(response), key == null ? null : key.toString());
    }

    String format(Entry e) {
        double ms = Math.round(e.millis() * 10) / 10.0;
        if (format == LogFormat.JSON) {
            ObjectNode n = JsonRenderer.mapper().createObjectNode();
            n.put("time", e.time().toString());
            n.put("request_id", e.requestId());
            n.put("method", e.method());
            n.put("route", e.route());
            n.put("status", e.status());
            n.put("ms", ms);
            n.put("bytes_in", e.bytesIn());
            n.put("bytes_out", e.bytesOut());
            n.put("key", e.key());
            return n.toString();
        }
        return "time=" + e.time() + " request_id=" + dash(e.requestId()) + " method=" + dash(e.method())
                + " route=" + dash(e.route()) + " status=" + e.status() + " ms=" + ms + " bytes_in=" + e.bytesIn()
                + " bytes_out=" + e.bytesOut() + " key=" + dash(e.key());
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** An HTTP method as a token of visible characters (a broken request line may carry anything). */
    private static String token(String s) {
        if (s == null || s.isEmpty()) return null;
        StringBuilder b = new StringBuilder(Math.min(s.length(), 32));
        for (int i = 0; i < s.length() && i < 32; i++) {
            char c = s.charAt(i);
            b.append(c > ' ' && c < 127 && c != '"' && c != '\\' && c != '=' ? c : '?');
        }
        return b.toString();
    }
}
