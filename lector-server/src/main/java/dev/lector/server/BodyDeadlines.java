package dev.lector.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.HttpChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole-body read deadline ({@code --body-timeout-ms}, {@link ProtectionConfig#bodyTimeout()}):
 * reading a request's body may take at most that long from the request's admission, however the
 * body is sent. The per-read checks of {@link OcrRoutes} see a raw or JSON body only when a read
 * returns, and Jetty's multipart parser reads a whole multipart body inside one call, so a client
 * trickling a byte every few seconds (below the idle timeout) was bounded by nothing else. Here a
 * timer ends the read once the deadline passes (it interrupts the thread reading a raw or JSON
 * body, and fails the pending read of Jetty's multipart parser as an idle timeout would);
 * whatever the read then throws, the request is answered 408 {@code request_timeout} with
 * {@code Connection: close}.
 *
 * <p>The deadline is {@link #arm armed} when a request that may carry a body is admitted, ended by
 * {@link #bodyRead} once its body has been read (the timer can no longer interrupt anything else),
 * and by {@link #requestDone} when the request ends, whether or not the body was read.
 */
final class BodyDeadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadlines.class);

    /** How soon a deadline that found no pending multipart read tries again. */
    private static final long RETRY_MILLIS = 20;

    /** The request attribute holding its {@link Deadline}. */
    static final String ATTRIBUTE = "lector.bodyDeadline";

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong expired = new AtomicLong();

    BodyDeadlines(Duration timeout) {
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("lector-body-timeout").unstarted(r));
        timer.setRemoveOnCancelPolicy(true); // a deadline ended early leaves nothing queued
    }

    /** Starts the body deadline of {@code ctx}, on the thread that will read its body. */
    void arm(Context ctx) {
        // a multipart body is read by Jetty's parser, whose pending read is failed; any other by
        // this thread, which is interrupted (doing both would race: failing the channel when no
        // read is pending fails the whole request, and Jetty answers it without the JSON body)
        HttpChannel channel = ctx.isMultipartFormData() ? channelOf(ctx) : null;
        Deadline d = new Deadline(Thread.currentThread(), ctx.req().getRemoteAddr(), channel);
        ctx.attribute(ATTRIBUTE, d);
        d.task = timer.schedule(d::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Requests answered 408 because their body took longer than the deadline. */
    long expired() {
        return expired.get();
    }

    /**
     * The body of {@code ctx} has been read: its deadline ends. If the deadline passed meanwhile
     * (the timer fired just as the last bytes came), the request is still the 408.
     */
    static void bodyRead(Context ctx) {
        Deadline d = ctx.attribute(ATTRIBUTE);
        if (d != null && d.end()) throw timeout(ctx, d);
    }

    /** The request has ended: its deadline, if any, ends too (its body may never have been read). */
    static void requestDone(Context ctx) {
        Deadline d = ctx.attribute(ATTRIBUTE);
        if (d != null) d.end();
    }

    /**
     * The 408 of a request whose body deadline passed while its body was being read, whatever the
     * interrupted read threw instead; null when the deadline did not pass.
     */
    static ApiException timedOut(Context ctx) {
        Deadline d = ctx.attribute(ATTRIBUTE);
        return d != null && d.end() ? timeout(ctx, d) : null;
    }

    /** The Jetty channel of the request, whose pending reads the deadline fails; null where it cannot be told. */
    private static HttpChannel channelOf(Context ctx) {
        try {
            var request = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req());
            return request == null ? null : HttpChannel.from(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ApiException timeout(Context ctx, Deadline d) {
        ctx.header("Connection", "close"); // the rest of the body is not read: the connection cannot be reused
        return new ApiException(ApiException.Kind.REQUEST_TIMEOUT, "the request body did not arrive within "
                + d.timeoutMillis() + " ms (--body-timeout-ms)");
    }

    /** One request's deadline. */
    final class Deadline {
        private final Thread reader;
        private final String client;
        private volatile ScheduledFuture<?> task;
        private boolean ended;
        private boolean fired;

        private final HttpChannel channel;

        private Deadline(Thread reader, String client, HttpChannel channel) {
            this.reader = reader;
            this.client = client;
            this.channel = channel;
        }

        long timeoutMillis() {
            return timeout.toMillis();
        }

        /** On the timer: interrupts the reader unless its body has been read. */
        private synchronized void expire() {
            if (ended) return;
            if (!fired) {
                fired = true;
                expired.incrementAndGet();
                LOG.info("a request body from {} did not arrive within {} ms: answering 408", client, timeout.toMillis());
            }
            // a read blocked in the servlet input stream ends with the interrupt; Jetty's multipart
            // parser reads asynchronously (its caller waits uninterruptibly), so its pending read is
            // failed as an idle timeout would fail it: the parse ends, and the response can still be written
            if (channel == null) {
                reader.interrupt();
            } else {
                try {
                    HttpChannel.IdleTimeoutTask task = channel.onIdleTimeout(
                            new TimeoutException("the request body did not arrive within " + timeout.toMillis() + " ms"));
                    if (task != null && task.action() != null) {
                        Thread.ofVirtual().name("lector-body-timeout-fail").start(task.action());
                    } else {
                        // no read was pending at this instant (the parser was busy with a byte that
                        // had just come): try again shortly, until a pending read is failed or the
                        // request ends
                        this.task = timer.schedule(this::expire, RETRY_MILLIS, TimeUnit.MILLISECONDS);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("failing the pending read of a late body failed", e);
                }
            }
        }

        /**
         * Ends the deadline (on the reader's own thread); whether it had fired, in which case the
         * reader's interrupt is cleared so that the 408 can be written.
         */
        private boolean end() {
            boolean wasFired;
            synchronized (this) {
                ended = true;
                wasFired = fired;
            }
            if (task != null) task.cancel(false);
            if (wasFired && Thread.currentThread() == reader) Thread.interrupted();
            return wasFired;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
