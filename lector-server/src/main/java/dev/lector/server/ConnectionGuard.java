package dev.lector.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every connection of the service's connector: the cap on open connections (with a
 * reserve for health probes) and the header read timeout, neither of which Jetty has in the form
 * we need (its {@code ConnectionLimit} stops accepting, which leaves clients waiting in the
 * kernel's backlog with no answer; its idle timeout restarts with every byte, so headers sent at
 * a byte a second are never cut off).
 *
 * <ul>
 *   <li>up to {@code max} connections: served;
 *   <li>the next {@link ProtectionConfig#HEALTH_RESERVE}: {@link #isReserve} is true and the
 *       server answers only {@code /health/*} and {@code /metrics} on them (others 503), so a
 *       probe still gets through when slow clients hold every normal connection;
 *   <li>past those: a 503 written at once and the connection closed, so file handles stay bounded.
 * </ul>
 *
 * <p>A connection whose request line and headers are still incomplete {@code headerTimeout}
 * after their first byte is answered 408 and closed (checked by one sweeper thread, a few times
 * per timeout).
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final int max;
    private final int reserve;
    private final long headerTimeoutNanos;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Connection, Tracked> tracked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong headerTimeouts = new AtomicLong();

    /** What the guard knows of one connection. */
    private static final class Tracked {
        final boolean reserve;
        long headerSince; // nanoTime when an incomplete header was first seen, 0: none
        long messagesAtHeader;

        Tracked(boolean reserve) {
            this.reserve = reserve;
        }
    }

    ConnectionGuard(int max, int reserve, java.time.Duration headerTimeout) {
        this.max = max;
        this.reserve = reserve;
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lector-header-timeout").unstarted(r));
        long tick = Math.max(10, Math.min(1000, headerTimeout.toMillis() / 5));
        sweeper.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        int n = open.incrementAndGet();
        if (n > max + reserve) {
            refused.incrementAndGet();
            answerAndClose(connection.getEndPoint(), 503, "Service Unavailable", "too_many_connections",
                    "the server has " + (n - 1) + " connections open, its limit (--max-connections " + max + "): retry later");
            return;
        }
        tracked.put(connection, new Tracked(n > max));
    }

    @Override
    public void onClosed(Connection connection) {
        open.decrementAndGet();
        tracked.remove(connection);
    }

    /** Whether {@code connection} was opened past the cap, in the health reserve. */
    boolean isReserve(Connection connection) {
        Tracked t = connection == null ? null : tracked.get(connection);
        return t != null && t.reserve;
    }

    int open() {
        return open.get();
    }

    long refused() {
        return refused.get();
    }

    long headerTimeouts() {
        return headerTimeouts.get();
    }

    /** Closes connections whose headers have been arriving for longer than the timeout. */
    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<Connection, Tracked> e : tracked.entrySet()) {
                if (!(e.getKey() instanceof org.eclipse.jetty.server.internal.HttpConnection http)) continue;
                HttpParser parser = http.getParser();
                Tracked t = e.getValue();
                boolean inHeader = parser.inHeaderState() && !parser.isStart();
                if (!inHeader) {
                    t.headerSince = 0;
                    continue;
                }
                long messages = http.getMessagesIn();
                if (t.headerSince == 0 || t.messagesAtHeader != messages) {
                    t.headerSince = now;
                    t.messagesAtHeader = messages;
                } else if (now - t.headerSince > headerTimeoutNanos) {
                    tracked.remove(e.getKey());
                    headerTimeouts.incrementAndGet();
                    LOG.info("closing a connection from {}: its request headers took longer than {} ms",
                            http.getEndPoint().getRemoteSocketAddress(), headerTimeoutNanos / 1_000_000);
                    answerAndClose(http.getEndPoint(), 408, "Request Timeout", "request_timeout",
                            "the request line and headers did not arrive within " + headerTimeoutNanos / 1_000_000
                                    + " ms (--header-timeout-ms)");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("header timeout sweep failed", e);
        }
    }

    /** Writes a small JSON error answer without waiting (it fits any fresh socket's buffer), then closes. */
    private static void answerAndClose(EndPoint endPoint, int status, String phrase, String code, String message) {
        String body = ErrorMapper.json(new ErrorMapper.ApiError(status, code, message));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + phrase + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n" + (status == 503 ? "Retry-After: 1\r\n" : "") + "\r\n";
        ByteBuffer out = ByteBuffer.allocate(head.length() + bytes.length);
        out.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(bytes).flip();
        try {
            endPoint.flush(out);
            endPoint.shutdownOutput();
        } catch (java.io.IOException | RuntimeException e) {
            // the client went first: nothing to tell it
        } finally {
            endPoint.close();
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
