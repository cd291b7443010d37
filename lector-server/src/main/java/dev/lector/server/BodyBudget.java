package dev.lector.server;

import dev.lector.batch.OverloadedException;
import java.util.concurrent.Semaphore;

/**
 * Bounds the request bodies held at once (read, decoded, waiting for the engine), counted in
 * KiB, so that a flood of large uploads is refused with 429 instead of filling the heap. A body
 * larger than the whole budget claims all of it, so it is still served when alone. Never waits.
 */
final class BodyBudget {

    private final int totalKib;
    private final Semaphore permits;

    BodyBudget(long maxBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("body budget must be >= 1 byte: " + maxBytes);
        this.totalKib = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(maxBytes, 1024L));
        this.permits = new Semaphore(totalKib);
    }

    /** Claims room for a body of {@code bytes}, or throws {@link OverloadedException} (429) when there is none now. */
    Claim claim(long bytes) {
        int n = (int) Math.max(1, Math.min(totalKib, Math.ceilDiv(Math.max(0, bytes), 1024L)));
        if (!permits.tryAcquire(n)) {
            throw new OverloadedException("too many request bytes in flight (limit " + totalKib + " KiB): retry later");
        }
        return new Claim(n);
    }

    int availableKib() {
        return permits.availablePermits();
    }

    /** Room held by one request; closing gives it back, once. */
    final class Claim implements AutoCloseable {
        private int held;

        private Claim(int held) {
            this.held = held;
        }

        @Override
        public void close() {
            if (held > 0) {
                permits.release(held);
                held = 0;
            }
        }
    }
}
