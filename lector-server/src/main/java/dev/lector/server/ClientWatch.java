package dev.lector.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices clients that went away while their request is computed, so that its work can be
 * cancelled. Jetty does not read a connection while its request is being handled, so it cannot
 * tell; the kernel can: a connection whose client closed it is in CLOSE_WAIT (or gone) in
 * {@code /proc/net/tcp}. One daemon thread reads that table a few times a second while requests
 * are watched; reading it consumes nothing from the connection. Linux only: elsewhere nothing is
 * ever reported. A client that half-closes (shuts down its sending side and waits) looks gone too.
 */
final class ClientWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientWatch.class);
    private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};
    private static final String CLOSE_WAIT = "08", CLOSE = "07", LAST_ACK = "09";

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private final boolean available = Files.isReadable(TABLES[0]);

    private final class Watched implements AutoCloseable {
        final long key;
        final Runnable onGone;
        boolean seen;

        Watched(long key, Runnable onGone) {
            this.key = key;
            this.onGone = onGone;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    ClientWatch(long periodMillis) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lector-client-watch").unstarted(r));
        if (available) poller.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the connection between {@code localPort} and {@code remotePort}; {@code onGone} runs
     * (once, on the watch's thread) if its client goes away before the returned handle is closed.
     */
    AutoCloseable watch(int localPort, int remotePort, Runnable onGone) {
        if (!available || localPort <= 0 || remotePort <= 0) return () -> {};
        Watched w = new Watched((long) localPort << 16 | remotePort, onGone);
        watched.add(w);
        return w;
    }

    private void poll() {
        if (watched.isEmpty()) return;
        try {
            Map<Long, String> states = new HashMap<>();
            for (Path table : TABLES) {
                if (!Files.isReadable(table)) continue;
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 4 || !f[1].contains(":")) continue;
                    int local = port(f[1]), remote = port(f[2]);
                    if (local < 0 || remote < 0) continue;
                    long key = (long) local << 16 | remote;
                    // the same pair can appear twice (a client socket of this very process): keep any live state
                    states.merge(key, f[3], (a, b) -> gone(a) ? b : a);
                }
            }
            for (Watched w : watched) {
                String state = states.get(w.key);
                if (state != null && !gone(state)) {
                    w.seen = true;
                } else if (state != null || w.seen) {
                    watched.remove(w);
                    w.onGone.run();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("reading the TCP table failed", e);
        }
    }

    private static boolean gone(String state) {
        return state.equals(CLOSE_WAIT) || state.equals(CLOSE) || state.equals(LAST_ACK);
    }

    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return Integer.parseInt(address.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
