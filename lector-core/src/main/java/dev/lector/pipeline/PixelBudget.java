package dev.lector.pipeline;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;

/**
 * Bounds the pixels of the pages being decoded and read at once, so that memory follows the
 * budget and not the number of requests: many small pages share it, a huge one waits until it
 * can hold it alone. A page larger than the whole budget takes all of it, so it still runs.
 * Counted in kilopixels; waiting is fair (first come, first served) and interruptible.
 */
final class PixelBudget {

    private final int totalKilopixels;
    private final Semaphore permits;

    PixelBudget(long maxPixels) {
        if (maxPixels < 1) throw new IllegalArgumentException("pixel budget must be >= 1: " + maxPixels);
        this.totalKilopixels = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(maxPixels, 1000L));
        this.permits = new Semaphore(totalKilopixels, true);
    }

    /** What one page of {@code pixels} holds: its size in kilopixels, at least 1, at most the whole budget. */
    int share(long pixels) {
        return (int) Math.max(1, Math.min(totalKilopixels, Math.ceilDiv(Math.max(0, pixels), 1000L)));
    }

    /** Waits until {@code pixels} fit; close the returned hold to give them back (once). */
    Hold acquire(long pixels) {
        int n = share(pixels);
        try {
            permits.acquire(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for memory for a " + pixels + "-pixel page");
        }
        return new Hold(n);
    }

    /** Kilopixels free now. */
    int available() {
        return permits.availablePermits();
    }

    /** Pixels held by one page. */
    final class Hold implements AutoCloseable {
        private int held;

        private Hold(int held) {
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
