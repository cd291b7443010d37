package dev.lector.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the server writes to stderr (slf4j-simple, the logging back end of the tests and of
 * {@code lector serve}) while open, still passed on to the real stderr. slf4j-simple looks up
 * {@code System.err} for each line, so swapping it catches lines from every thread.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    List<String> lines() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The message of the first access log line that {@code matches}, waiting for Jetty to finish the exchange (up to 20 s). */
    String accessLine(Predicate<String> matches) throws InterruptedException {
        String marker = AccessLog.LOGGER_NAME + " - ";
        for (int i = 0; i < 2000; i++) {
            for (String l : lines()) {
                int at = l.indexOf(marker);
                if (at >= 0 && matches.test(l.substring(at + marker.length()))) return l.substring(at + marker.length());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no access log line matched; lines: " + lines());
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
